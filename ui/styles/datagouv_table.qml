<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="Fields|AttributeTable">
  <fieldConfiguration>
    <field configurationFlags="None" name="dataset_title"/>
    <field configurationFlags="None" name="url"/>
  </fieldConfiguration>
  <aliases>
    <alias name="" index="0" field="dataset_title"/>
    <alias name="" index="1" field="url"/>
  </aliases>
  <defaults>
    <default applyOnUpdate="0" field="dataset_title" expression=""/>
    <default applyOnUpdate="0" field="url" expression=""/>
  </defaults>
  <constraints>
    <constraint constraints="0" unique_strength="0" exp_strength="0" field="dataset_title" notnull_strength="0"/>
    <constraint constraints="0" unique_strength="0" exp_strength="0" field="url" notnull_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="dataset_title" exp=""/>
    <constraint desc="" field="url" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributetableconfig sortOrder="0" actionWidgetStyle="dropDown" sortExpression="">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <layerGeometryType>4</layerGeometryType>
</qgis>
