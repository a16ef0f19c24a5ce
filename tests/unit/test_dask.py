"""The routing engine on a real Dask cluster: a scheduler and two workers started on 127.0.0.1 by
the tests (``support/dask_cluster.py``), the client in the test venv's Python as
``TERRITORIAL_DATA_PYTHON``, this process never importing Dask (as QGIS's Python would not).

Loads and skims must be the same numbers, bit for bit, as a run in one process; a worker killed
mid-run is replaced by the scheduler's retry; failures (no scheduler, no worker, no Dask in the
client's Python) are clear ``DataError``s and return nothing; cancelling stops the batches."""

import socket
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from support.dask_cluster import DaskCluster, dask_python, sample_instance, synthetic_instance
from support.networks import random_network
from territorial_data.processing.engine import cluster
from territorial_data.processing.engine.assign import assign
from territorial_data.processing.engine.graph import RoutingGraph
from territorial_data.processing.engine.skim import skim
from territorial_data.providers.errors import Canceled, DataError

ENV = cluster.SCHEDULER_ENV


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    running = DaskCluster(tmp_path_factory.mktemp("dask"), n_workers=2)
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture
def on_cluster(dask_cluster, monkeypatch):
    """The cluster with its two workers, set as the engine's scheduler."""
    dask_cluster.ensure_workers()
    monkeypatch.setenv(ENV, dask_cluster.address)
    monkeypatch.setenv("TERRITORIAL_DATA_PYTHON", dask_python())
    monkeypatch.delenv("TERRITORIAL_DATA_WORKERS", raising=False)
    yield dask_cluster
    assert "distributed" not in sys.modules and "dask" not in sys.modules  # QGIS's Python never needs Dask


def local(monkeypatch, function, *args, **kwargs):
    """The same call routed in this one process."""
    with monkeypatch.context() as m:
        m.delenv(ENV, raising=False)
        return function(*args, workers=1, **kwargs)


def same_assignment(got, want):
    for name in ("flow_ab", "flow_ba", "unrouted", "same_node"):
        assert np.array_equal(getattr(got, name), getattr(want, name)), name
    assert got.flow_km == want.flow_km and got.flow_assigned == want.flow_assigned
    assert got.flow_unrouted == want.flow_unrouted


def hand_made():
    u, v, length, oneway, n = random_network(5, n_side=24)
    # an island (two nodes joined to nothing else) so that some pairs have no path
    u = np.concatenate([u, [n]])
    v = np.concatenate([v, [n + 1]])
    length = np.concatenate([length, [40.0]])
    oneway = np.concatenate([oneway, [0]]).astype(np.int8)
    n += 2
    rng = np.random.default_rng(11)
    zones = np.concatenate([rng.choice(n - 2, 58, replace=False), [n - 2, n - 1]])
    o, d = rng.choice(zones, 1500), rng.choice(zones, 1500)
    flows = rng.uniform(0.1, 30.0, 1500)  # fractional: any change in the order of the sums would show
    return RoutingGraph.from_edges(u, v, length, oneway, n, attrs={"time": length / 8.3}), o, d, flows


def test_hand_made_network_loads_select_link_and_skims_identical(on_cluster, monkeypatch):
    g, o, d, flows = hand_made()
    selected = np.zeros(g.n_edges, dtype=bool)
    selected[::37] = True
    messages = []
    got = assign(g, o, d, flows, selected_edges=selected, log=messages.append)
    want = local(monkeypatch, assign, g, o, d, flows, selected_edges=selected)
    assert got.stats["backend"] == "dask" and got.stats["workers"] == 2, messages
    assert any(on_cluster.address in m for m in messages)
    assert want.stats["backend"] == "local"
    assert got.unrouted.size > 0 and got.stats["reran"] >= 0
    same_assignment(got, want)
    for name in ("select_pairs", "select_ab", "select_ba"):
        assert np.array_equal(getattr(got, name), getattr(want, name)), name

    zones = np.unique(np.concatenate([o, d]))
    sk = skim(g, zones, attrs=("length", "time"))
    ref = local(monkeypatch, skim, g, zones, attrs=("length", "time"))
    assert sk.stats["backend"] == "dask"
    assert np.array_equal(sk.cost, ref.cost)
    for name in ("length", "time"):
        assert np.array_equal(sk.values[name], ref.values[name])
    assert np.isinf(sk.cost).any() and np.isfinite(sk.cost).any()


def graph_of(inst, **kw):
    n = inst["node_x"].shape[0]
    return RoutingGraph.from_edges(inst["edge_u"], inst["edge_v"], inst["edge_len"], inst["edge_oneway"], n, **kw)


def test_sample_territory_loads_and_skims_identical(on_cluster, monkeypatch):
    inst = sample_instance()
    speed = np.where(inst["edge_oneway"] != 0, 25.0, 13.9)  # m/s: motorways faster (a cost that is not the length)
    g = graph_of(inst, cost=inst["edge_len"] / speed, attrs={"time": inst["edge_len"] / speed})
    zone_node = inst["zone_node"]
    o, d, flows = zone_node[inst["od_o"]], zone_node[inst["od_d"]], inst["od_flow"]
    assert np.mean(flows != np.round(flows)) > 0.5  # INSEE's weighted flows: fractional
    got = assign(g, o, d, flows)
    want = local(monkeypatch, assign, g, o, d, flows)
    assert got.stats["backend"] == "dask"
    same_assignment(got, want)
    assert got.flow_assigned > 0.99 * flows.sum()

    sk = skim(g, zone_node, attrs=("length", "time"))
    ref = local(monkeypatch, skim, g, zone_node, attrs=("length", "time"))
    assert sk.stats["backend"] == "dask" and sk.cost.shape == (zone_node.shape[0],) * 2
    assert np.array_equal(sk.cost, ref.cost)
    for name in ("length", "time"):
        assert np.array_equal(sk.values[name], ref.values[name])


@pytest.fixture(scope="module")
def busy():
    """A run of a few seconds on two workers: time enough to kill a worker or cancel in the middle."""
    inst = synthetic_instance(150_000, 1200, 100_000, seed=3)
    zone_node = inst["zone_node"]
    return graph_of(inst), zone_node[inst["od_o"]], zone_node[inst["od_d"]], inst["od_flow"]


class Trigger:
    """A progress callback that does something once, when the run is a fifth done."""

    def __init__(self, action):
        self.action = action
        self.at = None
        self.seen = []

    def __call__(self, share):
        self.seen.append(share)
        if self.at is None and share >= 0.2:
            self.at = time.monotonic()
            self.action()


def test_worker_killed_mid_run_is_replaced_and_loads_are_identical(on_cluster, monkeypatch, busy):
    g, o, d, flows = busy
    messages = []
    trigger = Trigger(lambda: on_cluster.kill_worker("w1"))
    got = assign(g, o, d, flows, progress=trigger, log=messages.append)
    assert trigger.at is not None and trigger.seen[-1] == 1.0
    assert on_cluster.workers["w1"].poll() is not None  # it really died mid-run
    assert any("lost during the run" in m and "1 other worker" in m for m in messages), messages
    want = local(monkeypatch, assign, g, o, d, flows)
    same_assignment(got, want)


def test_every_worker_killed_fails_clearly_and_returns_nothing(on_cluster, monkeypatch, busy):
    monkeypatch.setattr(cluster, "NO_WORKER_TIMEOUT", 3.0)
    g, o, d, flows = busy
    trigger = Trigger(lambda: [on_cluster.kill_worker(name) for name in ("w1", "w2")])
    with pytest.raises(DataError) as caught:
        assign(g, o, d, flows, progress=trigger)
    message = str(caught.value)
    assert on_cluster.address in message and "Nothing was written" in message, message
    assert time.monotonic() - trigger.at < 30


def test_cancel_stops_the_batches_on_the_cluster(on_cluster, monkeypatch, busy):
    clients = []
    original = cluster.DaskExecutor.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        clients.append(self)

    monkeypatch.setattr(cluster.DaskExecutor, "__init__", spy)
    g, o, d, flows = busy
    flag = threading.Event()
    trigger = Trigger(flag.set)
    with pytest.raises(Canceled):
        assign(g, o, d, flows, progress=trigger, cancel=flag.is_set)
    assert time.monotonic() - trigger.at < 15
    assert trigger.seen[-1] < 1.0
    assert len(clients) == 1 and clients[0].proc is None  # the client process ended
    deadline = time.monotonic() + 30
    while on_cluster.scheduler_tasks() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert on_cluster.scheduler_tasks() == 0  # nothing left running or queued for the cancelled run


def test_unreachable_scheduler_fails_fast_with_what_to_do(monkeypatch):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    monkeypatch.setenv(ENV, address)
    monkeypatch.setenv("TERRITORIAL_DATA_PYTHON", dask_python())
    g, o, d, flows = hand_made()
    started = time.monotonic()
    with pytest.raises(DataError, match="No Dask scheduler answers at " + address) as caught:
        assign(g, o, d, flows)
    assert time.monotonic() - started < 15
    assert "dask scheduler" in str(caught.value) and ENV in str(caught.value)


def test_client_python_without_dask_says_what_to_install(monkeypatch, tmp_path):
    venv = tmp_path / "bare"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", str(venv)], check=True)
    bare = str(venv / "bin" / "python")
    monkeypatch.setenv(ENV, "tcp://127.0.0.1:8786")
    monkeypatch.setenv("TERRITORIAL_DATA_PYTHON", bare)
    g, o, d, flows = hand_made()
    with pytest.raises(DataError) as caught:
        assign(g, o, d, flows)
    message = str(caught.value)
    assert "'distributed'" in message and f"{bare} -m pip install" in message and ENV in message, message


def test_bad_scheduler_address_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(ENV, "my-cluster")
    g, o, d, flows = hand_made()
    with pytest.raises(DataError, match="'my-cluster' is not a Dask scheduler address"):
        skim(g, np.unique(o)[:5])


def test_without_a_scheduler_nothing_changes(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert cluster.scheduler_address() == "" and cluster.start() is None
    g, o, d, flows = hand_made()
    res = assign(g, o, d, flows)
    assert res.stats["backend"] == "local"
    assert "distributed" not in sys.modules


def test_setting_is_read_from_the_environment(monkeypatch):
    from territorial_data.providers import settings

    monkeypatch.delenv(ENV, raising=False)
    assert settings.get_settings().dask_scheduler == ""
    assert settings.ENV_NAMES["dask_scheduler"] == ENV
    monkeypatch.setenv(ENV, " tcp://10.0.0.5:8786 ")
    assert cluster.scheduler_address() == "tcp://10.0.0.5:8786"


def test_every_worker_replaced_mid_run_the_core_is_sent_again_and_loads_are_identical(on_cluster, monkeypatch, busy):
    g, o, d, flows = busy
    messages = []

    def replace_all():
        for name in ("w1", "w2"):
            on_cluster.kill_worker(name)
        on_cluster.ensure_workers()  # new workers, without the core: it must be shipped again

    trigger = Trigger(replace_all)
    got = assign(g, o, d, flows, progress=trigger, log=messages.append)
    assert trigger.at is not None
    assert any("sent again" in m for m in messages), messages
    same_assignment(got, local(monkeypatch, assign, g, o, d, flows))
