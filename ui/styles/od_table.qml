<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Fields|AttributeTable">
  <aliases>
    <alias field="origin" name="Origin" index="0"/>
    <alias field="destination" name="Destination" index="1"/>
    <alias field="flow" name="Flow" index="2"/>
    <alias field="mode" name="Mode" index="3"/>
    <alias field="category" name="Category" index="4"/>
    <alias field="period" name="Period" index="5"/>
    <alias field="source" name="Source" index="6"/>
    <alias field="licence" name="Licence" index="7"/>
    <alias field="retrieved_at" name="Retrieved at" index="8"/>
  </aliases>
  <defaults>
    <default field="origin" expression="" applyOnUpdate="0"/>
    <default field="destination" expression="" applyOnUpdate="0"/>
    <default field="flow" expression="" applyOnUpdate="0"/>
    <default field="mode" expression="" applyOnUpdate="0"/>
    <default field="category" expression="" applyOnUpdate="0"/>
    <default field="period" expression="" applyOnUpdate="0"/>
    <default field="source" expression="" applyOnUpdate="0"/>
    <default field="licence" expression="" applyOnUpdate="0"/>
    <default field="retrieved_at" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint exp_strength="0" field="origin" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="destination" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="flow" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="mode" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="category" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="period" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="source" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="licence" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="retrieved_at" notnull_strength="0" constraints="0" unique_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="origin" desc="" exp=""/>
    <constraint field="destination" desc="" exp=""/>
    <constraint field="flow" desc="" exp=""/>
    <constraint field="mode" desc="" exp=""/>
    <constraint field="category" desc="" exp=""/>
    <constraint field="period" desc="" exp=""/>
    <constraint field="source" desc="" exp=""/>
    <constraint field="licence" desc="" exp=""/>
    <constraint field="retrieved_at" desc="" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributetableconfig sortExpression="&quot;flow&quot;" actionWidgetStyle="dropDown" sortOrder="1">
    <columns>
      <column hidden="0" width="-1" type="field" name="origin"/>
      <column hidden="0" width="-1" type="field" name="destination"/>
      <column hidden="0" width="-1" type="field" name="flow"/>
      <column hidden="0" width="-1" type="field" name="mode"/>
      <column hidden="0" width="-1" type="field" name="category"/>
      <column hidden="0" width="-1" type="field" name="period"/>
      <column hidden="0" width="-1" type="field" name="source"/>
      <column hidden="0" width="-1" type="field" name="licence"/>
      <column hidden="0" width="-1" type="field" name="retrieved_at"/>
      <column hidden="1" width="-1" type="actions"/>
    </columns>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <layerGeometryType>4</layerGeometryType>
</qgis>
