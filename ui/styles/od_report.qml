<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Fields|AttributeTable">
  <aliases>
    <alias field="code" name="Code" index="0"/>
    <alias field="new_code" name="New code(s)" index="1"/>
    <alias field="kind" name="Kind" index="2"/>
    <alias field="flow" name="Flow carried" index="3"/>
    <alias field="dropped" name="Dropped" index="4"/>
    <alias field="detail" name="Detail" index="5"/>
  </aliases>
  <defaults>
    <default field="code" expression="" applyOnUpdate="0"/>
    <default field="new_code" expression="" applyOnUpdate="0"/>
    <default field="kind" expression="" applyOnUpdate="0"/>
    <default field="flow" expression="" applyOnUpdate="0"/>
    <default field="dropped" expression="" applyOnUpdate="0"/>
    <default field="detail" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint exp_strength="0" field="code" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="new_code" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="kind" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="flow" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="dropped" notnull_strength="0" constraints="0" unique_strength="0"/>
    <constraint exp_strength="0" field="detail" notnull_strength="0" constraints="0" unique_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="code" desc="" exp=""/>
    <constraint field="new_code" desc="" exp=""/>
    <constraint field="kind" desc="" exp=""/>
    <constraint field="flow" desc="" exp=""/>
    <constraint field="dropped" desc="" exp=""/>
    <constraint field="detail" desc="" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributetableconfig sortExpression="&quot;flow&quot;" actionWidgetStyle="dropDown" sortOrder="1">
    <columns>
      <column hidden="0" width="-1" type="field" name="code"/>
      <column hidden="0" width="-1" type="field" name="new_code"/>
      <column hidden="0" width="-1" type="field" name="kind"/>
      <column hidden="0" width="-1" type="field" name="flow"/>
      <column hidden="0" width="-1" type="field" name="dropped"/>
      <column hidden="0" width="-1" type="field" name="detail"/>
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
