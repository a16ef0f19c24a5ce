"""One module per algorithm; each defines one subclass of base.TerritorialAlgorithm."""
