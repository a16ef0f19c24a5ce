<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
    <context>
        <name>Archive</name>
        <message>
            <location filename="../providers/archive.py" />
            <source>'{file}' is not a readable zip archive: {problem}. Give the zip file itself, downloaded completely.</source>
            <translation>« {file} » n'est pas une archive zip lisible : {problem}. Donnez le fichier zip lui-même, téléchargé en entier.</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>The zip archive '{file}' is damaged: its member '{member}' cannot be used, {problem}. Download the archive again (or ask its producer for a sound copy).</source>
            <translation>L'archive zip « {file} » est endommagée : son fichier « {member} » est inutilisable, {problem}. Téléchargez de nouveau l'archive (ou demandez une copie saine à son producteur).</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>it cannot be read ({error})</source>
            <translation>il ne peut pas être lu ({error})</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>it is cut short or its compressed data is damaged ({error})</source>
            <translation>il est tronqué ou ses données compressées sont abîmées ({error})</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>it uses a compression method this tool cannot read ({error})</source>
            <translation>il utilise une méthode de compression que cet outil ne sait pas lire ({error})</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>its content does not match its checksum (CRC-32)</source>
            <translation>son contenu ne correspond pas à sa somme de contrôle (CRC-32)</translation>
        </message>
    </context>
    <context>
        <name>AssignFlows</name>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Assign flows to a network</source>
            <translation>Affecter des flux à un réseau</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Assigned flows</source>
            <translation>Flux affectés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Flow assigned</source>
            <translation>Flux affecté</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Flow assigned: {assigned:.1f} of {total:.1f} ({share:.1f} %); flow-km: {fkm:.1f}.</source>
            <translation>Flux affecté : {assigned:.1f} sur {total:.1f} ({share:.1f} %) ; flux-km : {fkm:.1f}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Flow not assigned</source>
            <translation>Flux non affecté</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Flow-km assigned</source>
            <translation>Flux-km affectés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Flows not assigned</source>
            <translation>Flux non affectés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Flows with an end in those zones: {pairs} pairs, flow {flow:.1f} ({lost:.1f} of it not assigned).</source>
            <translation>Flux ayant une extrémité dans ces zones : {pairs} couples, flux {flow:.1f} (dont {lost:.1f} non affecté).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>None of the selected segments is a segment of the network: select segments of the network layer (or give a layer with the same lines).</source>
            <translation>Aucun des tronçons sélectionnés n'est un tronçon du réseau : sélectionnez des tronçons de la couche réseau (ou donnez une couche des mêmes lignes).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>OD pairs using the selected segments</source>
            <translation>Couples OD passant par les tronçons sélectionnés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Puts every OD flow on its shortest path through a line network and sums the flows per segment (all-or-nothing).</source>
            <translation>Affecte chaque flux OD à son plus court chemin sur un réseau de lignes et somme les flux par tronçon (tout ou rien).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Select link on {count} network segments.</source>
            <translation>Lien sélectionné sur {count} tronçons du réseau.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Select link: {count} OD pairs ({flow:.1f} trips) use the selected segments.</source>
            <translation>Lien sélectionné : {count} couples OD ({flow:.1f} déplacements) passent par les tronçons sélectionnés.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>Selected segments for a select-link analysis</source>
            <translation>Tronçons sélectionnés pour une analyse de lien sélectionné</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/assign_flows.py" />
            <source>{pairs} OD pairs ({flow:.0f} trips) between {zones} zones; routing {routable} pairs.</source>
            <translation>{pairs} couples OD ({flow:.0f} déplacements) entre {zones} zones ; calcul de {routable} couples.</translation>
        </message>
    </context>
    <context>
        <name>Assignment</name>
        <message>
            <location filename="../processing/engine/assign.py" />
            <source>An origin or destination is not a node of the graph (0..{last}).</source>
            <translation>Une origine ou une destination n'est pas un nœud du graphe (0..{last}).</translation>
        </message>
        <message>
            <location filename="../processing/engine/assign.py" />
            <source>Flows must be finite numbers, zero or more.</source>
            <translation>Les flux doivent être des nombres finis, positifs ou nuls.</translation>
        </message>
        <message>
            <location filename="../processing/engine/assign.py" />
            <source>Origins and destinations must be node indices (integers).</source>
            <translation>Les origines et destinations doivent être des indices de nœuds (entiers).</translation>
        </message>
        <message>
            <location filename="../processing/engine/assign.py" />
            <source>Origins and destinations must be two lists of the same length.</source>
            <translation>Les origines et destinations doivent être deux listes de même longueur.</translation>
        </message>
        <message>
            <location filename="../processing/engine/assign.py" />
            <source>The selection must have one value per edge.</source>
            <translation>La sélection doit avoir une valeur par tronçon.</translation>
        </message>
        <message>
            <location filename="../processing/engine/assign.py" />
            <source>There must be one flow per OD pair.</source>
            <translation>Il faut un flux par couple origine-destination.</translation>
        </message>
    </context>
    <context>
        <name>Attribution</name>
        <message>
            <location filename="../providers/attribution.py" />
            <source>Licences: {licences}.</source>
            <translation>Licences : {licences}.</translation>
        </message>
        <message>
            <location filename="../providers/attribution.py" />
            <source>Map produced on {date} with {plugin} (QGIS).</source>
            <translation>Carte produite le {date} avec {plugin} (QGIS).</translation>
        </message>
        <message>
            <location filename="../providers/attribution.py" />
            <source>Sources: {sources}.</source>
            <translation>Sources : {sources}.</translation>
        </message>
        <message>
            <location filename="../providers/attribution.py" />
            <source>{source} (retrieved {date})</source>
            <translation>{source} (récupéré le {date})</translation>
        </message>
        <message>
            <location filename="../providers/attribution.py" />
            <source>© OpenStreetMap contributors</source>
            <translation>© les contributeurs OpenStreetMap</translation>
        </message>
    </context>
    <context>
        <name>BanGeocoder</name>
        <message>
            <location filename="../ui/geocoder.py" />
            <source>Addresses</source>
            <translation>Adresses</translation>
        </message>
        <message>
            <location filename="../ui/geocoder.py" />
            <source>address</source>
            <translation>adresse</translation>
        </message>
        <message>
            <location filename="../ui/geocoder.py" />
            <source>municipality</source>
            <translation>commune</translation>
        </message>
        <message>
            <location filename="../ui/geocoder.py" />
            <source>place</source>
            <translation>lieu-dit</translation>
        </message>
        <message>
            <location filename="../ui/geocoder.py" />
            <source>street</source>
            <translation>voie</translation>
        </message>
    </context>
    <context>
        <name>BanLocatorFilter</name>
        <message>
            <location filename="../ui/locator.py" />
            <source>Addresses</source>
            <translation>Adresses</translation>
        </message>
        <message>
            <location filename="../ui/locator.py" />
            <source>Addresses (Base Adresse Nationale)</source>
            <translation>Adresses (Base Adresse Nationale)</translation>
        </message>
        <message>
            <location filename="../ui/locator.py" />
            <source>French addresses from the Base Adresse Nationale (IGN Géoplateforme)</source>
            <translation>Adresses françaises de la Base Adresse Nationale (Géoplateforme de l'IGN)</translation>
        </message>
    </context>
    <context>
        <name>BdTopo</name>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>Ask for a smaller area (a commune or a smaller extent), try again later, or accept an incomplete layer (option 'Keep an incomplete answer').</source>
            <translation>Demandez une zone plus petite (une commune ou une emprise réduite), réessayez plus tard, ou acceptez une couche incomplète (option « Garder une réponse incomplète »).</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>BD TOPO V3, service state of {date}</source>
            <translation>BD TOPO V3, état du service au {date}</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>Give either a territory code or an extent (exactly one of them).</source>
            <translation>Donnez soit un code de territoire, soit une emprise (exactement l'un des deux).</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>Incomplete: {message}; {missing} segments are missing from the layer (nothing was cached: running again asks the service again).</source>
            <translation>Incomplet : {message} ; {missing} tronçons manquent dans la couche (rien n'a été mis en cache : relancer interroge de nouveau le service).</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>No road segment of BD TOPO touches {where} ({count} in its bounding box, none inside).</source>
            <translation>Aucun tronçon de route de la BD TOPO ne touche {where} ({count} dans son emprise englobante, aucun à l'intérieur).</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>The WFS returned no road segment for {where}: check that the area is in France and not too small, or the layer name in the service.</source>
            <translation>Le WFS n'a renvoyé aucun tronçon de route pour {where} : vérifiez que la zone est en France et pas trop petite, ou le nom de la couche dans le service.</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>The area is empty (its width or height is zero): draw or give a real extent.</source>
            <translation>La zone est vide (largeur ou hauteur nulle) : dessinez ou donnez une vraie emprise.</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>The service may be failing or the address may point elsewhere: try again later, or check the WFS address in the plugin options.</source>
            <translation>Le service est peut-être en panne ou l'adresse pointe ailleurs : réessayez plus tard, ou vérifiez l'adresse du WFS dans les options de l'extension.</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>This extent is not in metropolitan France: give it in longitude/latitude (EPSG:4326) for an overseas territory.</source>
            <translation>Cette emprise n'est pas en France métropolitaine : donnez-la en longitude/latitude (EPSG:4326) pour un territoire d'outre-mer.</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>an XML or HTML page instead of GeoJSON</source>
            <translation>une page XML ou HTML au lieu de GeoJSON</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>feature {id}: no attributes</source>
            <translation>entité {id} : aucun attribut</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>page {page} repeats features already received: the service does not honour STARTINDEX</source>
            <translation>la page {page} répète des entités déjà reçues : le service ne respecte pas STARTINDEX</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>segment {id}: missing or invalid line geometry</source>
            <translation>tronçon {id} : géométrie linéaire absente ou invalide</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>the answer is JSON but not a GeoJSON FeatureCollection</source>
            <translation>la réponse est du JSON mais pas une FeatureCollection GeoJSON</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>the answer is not valid JSON (cut short or malformed)</source>
            <translation>la réponse n'est pas du JSON valide (tronquée ou mal formée)</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>the coordinates are not in the coordinate system asked for ({srs}; the answer says '{crs}')</source>
            <translation>les coordonnées ne sont pas dans le système de coordonnées demandé ({srs} ; la réponse indique « {crs} »)</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>the service announced {matched} road segments but only {received} arrived over {pages} pages: the answer is truncated</source>
            <translation>le service a annoncé {matched} tronçons de route mais seulement {received} sont arrivés en {pages} pages : la réponse est tronquée</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>the service refused the request: {detail}</source>
            <translation>le service a refusé la requête : {detail}</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>this extent</source>
            <translation>cette emprise</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>{count} road segments kept; {received} received over {pages} pages (numberMatched: {matched}).</source>
            <translation>{count} tronçons de route gardés ; {received} reçus en {pages} pages (numberMatched : {matched}).</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>{count} segments came twice (pages shifted while the data changed); kept once.</source>
            <translation>{count} tronçons sont arrivés deux fois (pages décalées pendant une mise à jour des données) ; gardés une fois.</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>{count} segments could not be read and were left out:</source>
            <translation>{count} tronçons n'ont pas pu être lus et ont été écartés :</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>{count} segments of the bounding box do not touch the territory and were left out.</source>
            <translation>{count} tronçons de l'emprise englobante ne touchent pas le territoire et ont été écartés.</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>{count} values of '{field}' were not of the expected type and were set to NULL.</source>
            <translation>{count} valeurs de « {field} » n'avaient pas le type attendu et ont été mises à NULL.</translation>
        </message>
        <message>
            <location filename="../providers/bdtopo.py" />
            <source>… and {count} more.</source>
            <translation>… et {count} autres.</translation>
        </message>
    </context>
    <context>
        <name>Bnac</name>
        <message>
            <location filename="../providers/bnac.py" />
            <source>',' or ']' expected between features</source>
            <translation>« , » ou « ] » attendu entre les entités</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>',' or '}' expected</source>
            <translation>« , » ou « } » attendu</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>'{char}' expected</source>
            <translation>« {char} » attendu</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>Give either a territory code or an extent, not both.</source>
            <translation>Donnez soit un code de territoire, soit une emprise, pas les deux.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>No cycle facility of the file touches {where} ({count} segments read): check the territory or the file.</source>
            <translation>Aucun aménagement cyclable du fichier ne touche {where} ({count} tronçons lus) : vérifiez le territoire ou le fichier.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>The coordinates of the file are not longitudes/latitudes (e.g. {x:.0f}, {y:.0f}): a BNAC file is GeoJSON in EPSG:4326; reproject it first.</source>
            <translation>Les coordonnées du fichier ne sont pas des longitudes/latitudes (par ex. {x:.0f}, {y:.0f}) : un fichier BNAC est un GeoJSON en EPSG:4326 ; reprojetez-le d'abord.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>The data.gouv.fr dataset {slug} has no GeoJSON file: give a local BNAC file instead.</source>
            <translation>Le jeu de données data.gouv.fr {slug} n'a aucun fichier GeoJSON : donnez plutôt un fichier BNAC local.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>The extent is empty (its width or height is zero): draw or give a real extent.</source>
            <translation>L'emprise est vide (largeur ou hauteur nulle) : dessinez ou donnez une vraie emprise.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>The file holds no cycle facility segment: check the file.</source>
            <translation>Le fichier ne contient aucun tronçon d'aménagement cyclable : vérifiez le fichier.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>The file is in the coordinate system '{crs}': a BNAC file is GeoJSON in longitude/latitude (EPSG:4326); reproject it first.</source>
            <translation>Le fichier est dans le système de coordonnées « {crs} » : un fichier BNAC est un GeoJSON en longitude/latitude (EPSG:4326) ; reprojetez-le d'abord.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>The file {path} does not exist: check the path.</source>
            <translation>Le fichier {path} n'existe pas : vérifiez le chemin.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>The national base holds about 300 000 segments: give a territory code or an extent, or a local BNAC file.</source>
            <translation>La base nationale compte environ 300 000 tronçons : donnez un code de territoire ou une emprise, ou un fichier BNAC local.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>data.gouv.fr sent an unexpected answer for the dataset {slug}: check the data.gouv.fr address in the plugin options.</source>
            <translation>data.gouv.fr a envoyé une réponse inattendue pour le jeu de données {slug} : vérifiez l'adresse de data.gouv.fr dans les options de l'extension.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>field not in the schema</source>
            <translation>champ hors schéma</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>malformed or cut-short JSON</source>
            <translation>JSON mal formé ou tronqué</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>missing or invalid line geometry</source>
            <translation>géométrie linéaire absente ou invalide</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>no 'features' member</source>
            <translation>pas de membre « features »</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>not a YYYY-MM-DD date</source>
            <translation>pas une date AAAA-MM-JJ</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>not a boolean</source>
            <translation>pas un booléen</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>not a number</source>
            <translation>pas un nombre</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>not an INSEE commune code</source>
            <translation>pas un code commune INSEE</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>not an integer</source>
            <translation>pas un entier</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>required field missing</source>
            <translation>champ obligatoire absent</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>the GeoJSON file ends in the middle of its data ({size} bytes): it is cut short</source>
            <translation>le fichier GeoJSON s'arrête au milieu de ses données ({size} octets) : il est tronqué</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>the type is '{type}', not FeatureCollection</source>
            <translation>le type est « {type} », pas FeatureCollection</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>this extent</source>
            <translation>cette emprise</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>unknown value</source>
            <translation>valeur inconnue</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>value of an older schema version</source>
            <translation>valeur d'une ancienne version du schéma</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>{error} The copy was removed from the cache: run again to download the national file again.</source>
            <translation>{error} La copie a été retirée du cache : relancez pour télécharger de nouveau le fichier national.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>{field} = '{value}': {problem}, {count} segments (e.g. {examples})</source>
            <translation>{field} = « {value} » : {problem}, {count} tronçons (par ex. {examples})</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>{path} is not a valid GeoJSON FeatureCollection ({what}, near byte {offset}): check the file or download it again.</source>
            <translation>{path} n'est pas une FeatureCollection GeoJSON valide ({what}, vers l'octet {offset}) : vérifiez le fichier ou téléchargez-le de nouveau.</translation>
        </message>
        <message>
            <location filename="../providers/bnac.py" />
            <source>… and {count} more kinds of problem (see the report table).</source>
            <translation>… et {count} autres sortes de problème (voir la table du rapport).</translation>
        </message>
    </context>
    <context>
        <name>Cache</name>
        <message>
            <location filename="../providers/cache.py" />
            <source>Nothing was kept in the cache. Try again later; if it keeps failing, the file on the server is damaged: tell its producer.</source>
            <translation>Rien n'a été gardé dans le cache. Réessayez plus tard ; si l'échec se répète, le fichier sur le serveur est endommagé : prévenez son producteur.</translation>
        </message>
        <message>
            <location filename="../providers/cache.py" />
            <source>Offline mode is on and the cache has no copy of {url}. Turn offline mode off (plugin options, or TERRITORIAL_DATA_OFFLINE=0) to download it, or use a cache folder that holds it.</source>
            <translation>Le mode hors ligne est activé et le cache ne contient pas de copie de {url}. Désactivez le mode hors ligne (options de l'extension, ou TERRITORIAL_DATA_OFFLINE=0) pour le télécharger, ou utilisez un dossier de cache qui le contient.</translation>
        </message>
        <message>
            <location filename="../providers/cache.py" />
            <source>Offline mode is on and the cached copy of {url} is a damaged archive. Turn offline mode off to download it again.</source>
            <translation>Le mode hors ligne est activé et la copie en cache de {url} est une archive endommagée. Désactivez le mode hors ligne pour la télécharger de nouveau.</translation>
        </message>
        <message>
            <location filename="../providers/cache.py" />
            <source>Offline: using a cached copy retrieved on {date}, older than the dataset's usual refresh.</source>
            <translation>Hors ligne : utilisation d'une copie en cache récupérée le {date}, plus ancienne que la fréquence de mise à jour habituelle du jeu de données.</translation>
        </message>
        <message>
            <location filename="../providers/cache.py" />
            <source>the file received is unusable: {error}</source>
            <translation>le fichier reçu est inutilisable : {error}</translation>
        </message>
        <message>
            <location filename="../providers/cache.py" />
            <source>{error} Using the cached copy retrieved on {date}.</source>
            <translation>{error} Utilisation de la copie en cache récupérée le {date}.</translation>
        </message>
    </context>
    <context>
        <name>Cog</name>
        <message>
            <location filename="../providers/cog.py" />
            <source>COG passage tables (COGugaison)</source>
            <translation>Tables de passage du COG (COGugaison)</translation>
        </message>
        <message>
            <location filename="../providers/cog.py" />
            <source>Old commune codes to COG 2026 (@etalab/decoupage-administratif 6.0.0)</source>
            <translation>Anciens codes communes vers le COG 2026 (@etalab/decoupage-administratif 6.0.0)</translation>
        </message>
        <message>
            <location filename="../providers/cog.py" />
            <source>The COG vintage of the file, {source}, is outside the history the plugin knows ({first}-{last}).</source>
            <translation>Le millésime du COG du fichier, {source}, est hors de l'historique que connaît l'extension ({first}-{last}).</translation>
        </message>
        <message>
            <location filename="../providers/cog.py" />
            <source>The file's codes are of COG {source}, newer than the target COG {target}: codes can only be moved forward in time. Choose a target vintage of {source} or later.</source>
            <translation>Les codes du fichier sont du COG {source}, plus récent que le COG cible {target} : les codes ne peuvent être ramenés que vers un millésime plus récent. Choisissez un millésime cible de {source} ou après.</translation>
        </message>
        <message>
            <location filename="../providers/cog.py" />
            <source>The plugin cannot move commune codes to COG {target}: it knows the vintages {known}. Choose one of them (the newest, {newest}, also suits boundaries of COG 2025 unless a commune changed in 2025).</source>
            <translation>L'extension ne sait pas ramener les codes communes au COG {target} : elle connaît les millésimes {known}. Choisissez-en un (le plus récent, {newest}, convient aussi à des contours du COG 2025 sauf si une commune a changé en 2025).</translation>
        </message>
        <message>
            <location filename="../providers/cog.py" />
            <source>The territory '{item}' is neither a département code (01-95, 2A, 2B, 971-976) nor a commune code (5 characters, e.g. 95127): give départements and communes separated by commas, e.g. '95, 78646'.</source>
            <translation>Le territoire « {item} » n'est ni un code de département (01-95, 2A, 2B, 971-976) ni un code commune (5 caractères, p. ex. 95127) : donnez des départements et des communes séparés par des virgules, p. ex. « 95, 78646 ».</translation>
        </message>
        <message>
            <location filename="../providers/cog.py" />
            <source>code of a commune that no longer existed in COG {source} (changed in COG {year})</source>
            <translation>code d'une commune qui n'existait plus au COG {source} (modifiée au COG {year})</translation>
        </message>
    </context>
    <context>
        <name>CommuneFlowIndicators</name>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>A flow of {flow} has no mode: counted in share_unknown.</source>
            <translation>Un flux de {flow} n'a pas de mode : compté dans share_unknown.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>A table with origin, destination and distance_km, e.g. the output of territorial:od_skim_matrix.</source>
            <translation>Une table avec origin, destination et distance_km, par exemple la sortie de territorial:od_skim_matrix.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Codes missing from the zones</source>
            <translation>Codes absents des zones</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Codes missing from the zones (indicators): {flows}</source>
            <translation>Codes absents des zones (indicateurs) : {flows}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Flow indicators</source>
            <translation>Indicateurs de flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Flow indicators per commune</source>
            <translation>Indicateurs de flux par commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Flow indicators: {flows}</source>
            <translation>Indicateurs de flux : {flows}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Mode shares: {fields}.</source>
            <translation>Parts modales : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Network distances (skim table from od_skim_matrix, optional)</source>
            <translation>Distances sur le réseau (table de od_skim_matrix, facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Network distances cover {share:.1%} of the flow between distinct zones.</source>
            <translation>Les distances sur le réseau couvrent {share:.1%} du flux entre zones distinctes.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Outflow, inflow, internal flow, self-containment, job ratio, mean distance and mode shares per zone, on the zone polygons.</source>
            <translation>Flux sortants, entrants, internes, autocontention, concentration d'emploi, distance moyenne et parts modales par zone, sur les polygones des zones.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>Straight-line distances cover {share:.1%} of the flow between distinct zones (the rest involves codes missing from the zones).</source>
            <translation>Les distances à vol d'oiseau couvrent {share:.1%} du flux entre zones distinctes (le reste concerne des codes absents des zones).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>The flows table '{layer}' has no row.</source>
            <translation>La table de flux « {layer} » n'a aucune ligne.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>The skim table '{layer}' has no field {fields}: it needs origin, destination and distance_km, as written by territorial:od_skim_matrix. Its fields are: {names}.</source>
            <translation>La table de distances « {layer} » n'a pas de champ {fields} : il faut origin, destination et distance_km, tels qu'écrits par territorial:od_skim_matrix. Ses champs sont : {names}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>The zones layer already has fields named {names}: the indicators are written with a suffix.</source>
            <translation>La couche de zones a déjà des champs nommés {names} : les indicateurs sont écrits avec un suffixe.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>{count} zone pairs took the skim distance of the opposite direction.</source>
            <translation>{count} couples de zones ont pris la distance du sens opposé dans la table de distances.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>{count} zone pairs with flows are not in the skim table: no network distance for them.</source>
            <translation>{count} couples de zones avec des flux ne sont pas dans la table de distances : pas de distance sur le réseau pour eux.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/commune_flow_indicators.py" />
            <source>{count} zones have no flow at all: their ratios are empty (NULL).</source>
            <translation>{count} zones n'ont aucun flux : leurs ratios sont vides (NULL).</translation>
        </message>
    </context>
    <context>
        <name>Coverage</name>
        <message>
            <location filename="../processing/engine/coverage.py" />
            <source>Gap ranking: node, length, flow and gap arrays must have one value per segment.</source>
            <translation>Classement des discontinuités : les tableaux de nœuds, longueurs, flux et discontinuités doivent avoir une valeur par tronçon.</translation>
        </message>
        <message>
            <location filename="../processing/engine/coverage.py" />
            <source>The match distance must be more than 0 metres (it is {value}): set how far from a network segment a cycle facility may lie, e.g. 15 m.</source>
            <translation>La distance d'appariement doit dépasser 0 mètre (elle vaut {value}) : indiquez à quelle distance d'un tronçon du réseau un aménagement cyclable peut se trouver, par ex. 15 m.</translation>
        </message>
        <message>
            <location filename="../processing/engine/coverage.py" />
            <source>The minimum covered share must be between 0 and 1 (it is {value}): e.g. 0.5 counts a segment as covered when half of its length runs along a facility.</source>
            <translation>La part couverte minimale doit être comprise entre 0 et 1 (elle vaut {value}) : par ex. 0,5 compte un tronçon comme couvert quand la moitié de sa longueur longe un aménagement.</translation>
        </message>
        <message>
            <location filename="../processing/engine/coverage.py" />
            <source>The minimum gap flow must be 0 or more (it is {value}).</source>
            <translation>Le flux minimal des discontinuités doit valoir 0 ou plus (il vaut {value}).</translation>
        </message>
    </context>
    <context>
        <name>CycleCoverage</name>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Cycle facility coverage</source>
            <translation>Couverture par les aménagements cyclables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Cycle facility coverage of flows</source>
            <translation>Couverture des flux par les aménagements cyclables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Flow assigned</source>
            <translation>Flux affecté</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Flow assigned: {assigned:.1f} of {total:.1f} ({share:.1f} %); not assigned: {unrouted:.1f}.</source>
            <translation>Flux affecté : {assigned:.1f} sur {total:.1f} ({share:.1f} %) ; non affecté : {unrouted:.1f}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Flow not assigned</source>
            <translation>Flux non affecté</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Flow-km assigned</source>
            <translation>Flux-km affectés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Flow-km on covered segments</source>
            <translation>Flux-km sur les tronçons couverts</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Flow-km: {fkm:.1f}, of which on segments along cycle facilities: {covered:.1f} ({share:.1f} %).</source>
            <translation>Flux-km : {fkm:.1f}, dont sur des tronçons longés par un aménagement cyclable : {covered:.1f} ({share:.1f} %).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Flows not assigned</source>
            <translation>Flux non affectés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Gaps in the cycle network</source>
            <translation>Discontinuités du réseau cyclable</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Gaps in the cycle network (ranked)</source>
            <translation>Discontinuités du réseau cyclable (classées)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Gaps: only segments carrying more than this flow</source>
            <translation>Discontinuités : seulement les tronçons portant plus que ce flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Longest trip kept, km on the network (0: no limit)</source>
            <translation>Trajet le plus long retenu, km sur le réseau (0 : sans limite)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Match distance between a segment and a facility (metres)</source>
            <translation>Distance d'appariement entre un tronçon et un aménagement (mètres)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Network: {covered} of {segments} segments covered ({km_cov:.1f} of {km:.1f} km).</source>
            <translation>Réseau : {covered} tronçons couverts sur {segments} ({km_cov:.1f} km sur {km:.1f}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>No flow could be assigned: the table of flows not assigned gives the reason of every pair.</source>
            <translation>Aucun flux n'a pu être affecté : la table des flux non affectés donne la raison pour chaque couple.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>No flow left after keeping the modes {modes}: their flows sum to 0. Choose other modes or the field that holds the flow counts.</source>
            <translation>Plus aucun flux après avoir gardé les modes {modes} : leurs flux totalisent 0. Choisissez d'autres modes ou le champ qui contient les effectifs.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>No gap: every loaded segment is along a cycle facility.</source>
            <translation>Aucune discontinuité : chaque tronçon chargé longe un aménagement cyclable.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>No network segment lies within {distance:.0f} m of a cycle facility: check that the facilities cover the network's area, or raise the match distance.</source>
            <translation>Aucun tronçon du réseau n'est à moins de {distance:.0f} m d'un aménagement cyclable : vérifiez que les aménagements couvrent la zone du réseau, ou augmentez la distance d'appariement.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Routes OD flows on a network, measures the share of their flow-km on segments along cycle facilities, and ranks the busiest stretches without any facility.</source>
            <translation>Affecte des flux OD à un réseau, mesure la part de leurs flux-km sur des tronçons longés par un aménagement cyclable et classe les tronçons les plus chargés sans aucun aménagement.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Segments with flow and coverage</source>
            <translation>Tronçons avec flux et couverture</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Share of a segment's length along a facility for it to count as covered (0..1)</source>
            <translation>Part de la longueur d'un tronçon le long d'un aménagement pour qu'il compte comme couvert (0..1)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>Share of the flow-km on covered segments</source>
            <translation>Part des flux-km sur les tronçons couverts</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>The flows table holds no flow (every flow is 0 or empty): choose the field that holds the flow counts.</source>
            <translation>La table des flux ne contient aucun flux (tous valent 0 ou sont vides) : choisissez le champ qui contient les effectifs.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>The longest trip must be 0 (no limit) or more kilometres (it is {value}).</source>
            <translation>Le trajet le plus long doit valoir 0 (sans limite) ou plus de kilomètres (il vaut {value}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>{count} OD pairs ({flow:.1f} trips) are longer than {max:.1f} km on the network: left out (too_long).</source>
            <translation>{count} couples OD ({flow:.1f} déplacements) font plus de {max:.1f} km sur le réseau : écartés (too_long).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>{count} gaps (loaded stretches without a facility); the largest carries {fkm:.1f} flow-km over {km:.2f} km (up to {flow:.1f} trips).</source>
            <translation>{count} discontinuités (tronçons chargés sans aménagement) ; la plus grande porte {fkm:.1f} flux-km sur {km:.2f} km (jusqu'à {flow:.1f} déplacements).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycle_coverage.py" />
            <source>{pairs} OD pairs ({flow:.0f} trips) between {zones} zones; {routable} pairs can be routed.</source>
            <translation>{pairs} couples OD ({flow:.0f} déplacements) entre {zones} zones ; {routable} couples peuvent être affectés.</translation>
        </message>
    </context>
    <context>
        <name>CyclingPotential</name>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Command line: SCENARIO=government_target, go_dutch or ebike.</source>
            <translation>En ligne de commande : SCENARIO=government_target, go_dutch ou ebike.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Commuters</source>
            <translation>Actifs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cycling potential of commutes</source>
            <translation>Potentiel cyclable des navettes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cycling potential per OD pair</source>
            <translation>Potentiel cyclable par couple OD</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cycling potential per OD pair: {scenario}</source>
            <translation>Potentiel cyclable par couple OD : {scenario}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cycling potential per zone</source>
            <translation>Potentiel cyclable par zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cycling potential per zone: {scenario}</source>
            <translation>Potentiel cyclable par zone : {scenario}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cyclists in the scenario</source>
            <translation>Cyclistes du scénario</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cyclists today</source>
            <translation>Cyclistes aujourd'hui</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cyclists, Go Dutch</source>
            <translation>Cyclistes, Go Dutch</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cyclists, e-bike</source>
            <translation>Cyclistes, vélo électrique</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Cyclists, government target</source>
            <translation>Cyclistes, objectif gouvernemental</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Elevation model '{layer}': heights sampled every {step:.0f} m along {segments} segments; mean gradient of the network {gradient:.2f} %.</source>
            <translation>Modèle numérique de terrain « {layer} » : altitudes relevées tous les {step:.0f} m le long de {segments} tronçons ; pente moyenne du réseau {gradient:.2f} %.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Elevation model (DEM, metres; empty: every gradient 0 %)</source>
            <translation>Modèle numérique de terrain (MNT, mètres ; vide : toutes les pentes à 0 %)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Gaps ranked by scenario cyclist-km</source>
            <translation>Discontinuités classées par cyclistes-km du scénario</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Gaps ranked by scenario cyclist-km: {scenario}</source>
            <translation>Discontinuités classées par cyclistes-km du scénario : {scenario}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Go Dutch (PCT 2020)</source>
            <translation>Go Dutch (PCT 2020)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>How many commuters could cycle (Propensity to Cycle Tool uptake models, by route distance and gradient), the scenario's cyclists on each segment, and the busiest stretches without a cycle facility.</source>
            <translation>Combien d'actifs pourraient aller au travail à vélo (modèles de report du Propensity to Cycle Tool, selon la distance et la pente de l'itinéraire), les cyclistes du scénario sur chaque tronçon, et les tronçons les plus chargés sans aménagement cyclable.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Longest trip that may be cycled (km)</source>
            <translation>Trajet maximal à vélo (km)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Match distance between a segment and a facility (metres)</source>
            <translation>Distance d'appariement entre un tronçon et un aménagement (mètres)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>No cycle facility layer: the facility flag is empty and the gaps rank every loaded stretch of the network.</source>
            <translation>Pas de couche d'aménagements cyclables : l'indicateur d'aménagement est vide et les discontinuités classent tous les tronçons chargés du réseau.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>No elevation model (DEM): every route gradient is 0 %. The models then read every route as flat (flatter than their reference of 0.78 %), which raises the potential of hilly territories: give a DEM (e.g. IGN RGE ALTI or BD ALTI) for route gradients.</source>
            <translation>Pas de modèle numérique de terrain (MNT) : toutes les pentes d'itinéraire valent 0 %. Les modèles lisent alors chaque itinéraire comme plat (plus plat que leur référence de 0,78 %), ce qui augmente le potentiel des territoires vallonnés : donnez un MNT (par exemple le RGE ALTI ou la BD ALTI de l'IGN) pour les pentes des itinéraires.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>No flow has the bicycle mode '{value}': nobody cycles today (cyclists_now = 0). The modes in the table are: {present}.</source>
            <translation>Aucun flux n'a le mode vélo « {value} » : personne ne pédale aujourd'hui (cyclists_now = 0). Les modes de la table sont : {present}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>No mode field: every flow counts as commuters and nobody cycles today (cyclists_now = 0). Choose the mode field to start from today's cyclists.</source>
            <translation>Pas de champ de mode : tous les flux comptent comme actifs et personne ne pédale aujourd'hui (cyclists_now = 0). Choisissez le champ de mode pour partir des cyclistes actuels.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Routing core: {nodes} nodes, {arcs} arcs; {workers} process(es).</source>
            <translation>Cœur de calcul d'itinéraires : {nodes} nœuds, {arcs} arcs ; {workers} processus.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Scenario</source>
            <translation>Scénario</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Scenario cyclist-km on the network</source>
            <translation>Cyclistes-km du scénario sur le réseau</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Scenario cyclists on the network: {cyclists} assigned, {km} cyclist-km, of which {share:.1%} along cycle facilities; {gaps} gaps.</source>
            <translation>Cyclistes du scénario sur le réseau : {cyclists} affectés, {km} cyclistes-km, dont {share:.1%} le long d'aménagements cyclables ; {gaps} discontinuités.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Scenario cyclists per segment</source>
            <translation>Cyclistes du scénario par tronçon</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Scenario cyclists per segment: {scenario}</source>
            <translation>Cyclistes du scénario par tronçon : {scenario}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Share of a segment's length along a facility for it to count as covered (0..1)</source>
            <translation>Part de la longueur d'un tronçon le long d'un aménagement pour qu'il compte comme aménagé (0..1)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Share of cyclists in the scenario</source>
            <translation>Part de cyclistes dans le scénario</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Share of cyclists today</source>
            <translation>Part de cyclistes aujourd'hui</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Share of the scenario cyclist-km along cycle facilities</source>
            <translation>Part des cyclistes-km du scénario le long d'aménagements cyclables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The bicycle mode '{value}' also holds motorised two-wheelers (census 2016 and before): today's cyclists are overestimated.</source>
            <translation>Le mode vélo « {value} » inclut aussi les deux-roues motorisés (recensement 2016 et avant) : les cyclistes actuels sont surestimés.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The bicycle mode '{value}' is non-motorised: walkers count as today's cyclists, so today's cyclists and every scenario are overestimated on short trips.</source>
            <translation>Le mode vélo « {value} » est non motorisé : les piétons comptent comme cyclistes actuels, si bien que les cyclistes actuels et chaque scénario sont surestimés sur les trajets courts.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The flows of this mode are today's cyclists: a mode key (bike), a word for it (vélo, bicycle) or a raw value of the mode field. Flows of the mode 'works at home' are left out.</source>
            <translation>Les flux de ce mode sont les cyclistes actuels : une clé de mode (bike), un mot pour elle (vélo, bicyclette) ou une valeur brute du champ de mode. Les flux du mode « travaille au domicile » sont écartés.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The flows table holds no commute: every row is of a mode without trip, or the table is empty.</source>
            <translation>La table des flux ne contient aucune navette : chaque ligne est d'un mode sans déplacement, ou la table est vide.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The flows table holds no flow (every flow is 0 or empty): choose the field that holds the flow counts.</source>
            <translation>La table des flux ne contient aucun flux (chaque flux vaut 0 ou est vide) : choisissez le champ qui contient les effectifs.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The largest gap: {km:.2f} km carrying {ckm} scenario cyclist-km (up to {max} cyclists).</source>
            <translation>La plus grande discontinuité : {km:.2f} km portant {ckm} cyclistes-km du scénario (jusqu'à {max} cyclistes).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The longest trip must be more than 0 km (it is {value}).</source>
            <translation>Le trajet maximal doit dépasser 0 km (il vaut {value}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The zones layer already has fields named {names}: the results are written with a suffix.</source>
            <translation>La couche des zones a déjà des champs nommés {names} : les résultats sont écrits avec un suffixe.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Today's cyclists: the flows of the mode '{value}' ({flow} commuters).</source>
            <translation>Cyclistes actuels : les flux du mode « {value} » ({flow} actifs).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Trips within a zone: {count} zones, {flow} commuters, route distance from the zone's area (mean {km:.2f} km, weighted by flow).</source>
            <translation>Trajets internes à une zone : {count} zones, {flow} actifs, distance d'itinéraire tirée de la surface de la zone (moyenne {km:.2f} km, pondérée par les flux).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>Value of the bicycle mode in the mode field</source>
            <translation>Valeur du mode vélo dans le champ de mode</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>e-bike (PCT 2020)</source>
            <translation>vélo électrique (PCT 2020)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>government target (PCT 2020)</source>
            <translation>objectif gouvernemental (PCT 2020)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>{count} OD pairs ({flow} commuters) have no distance (a zone unknown or without geometry): they keep today's cyclists.</source>
            <translation>{count} couples OD ({flow} actifs) n'ont pas de distance (une zone inconnue ou sans géométrie) : ils gardent leurs cyclistes actuels.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>{count} OD pairs ({flow} commuters) have no route on the network (an end too far from it, both ends on one node, or no path): their distance is the straight line times {detour}.</source>
            <translation>{count} couples OD ({flow} actifs) n'ont pas d'itinéraire sur le réseau (une extrémité trop loin, les deux extrémités sur un même nœud, ou aucun chemin) : leur distance est la ligne droite multipliée par {detour}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>{count} flow rows ({flow} commuters) are of the modes 'works at home' or 'not applicable': left out (no trip).</source>
            <translation>{count} lignes de flux ({flow} actifs) sont des modes « travaille au domicile » ou « sans objet » : écartées (pas de déplacement).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>{count} segments ({share:.1%} of the network's length) lie partly outside the elevation model or over cells without data: their gradient counts only where heights exist.</source>
            <translation>{count} tronçons ({share:.1%} de la longueur du réseau) sortent en partie du modèle numérique de terrain ou passent sur des cellules sans donnée : leur pente ne compte que là où il y a des altitudes.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>{count} zones with trips within them have no area (points): those trips get no distance and keep today's cyclists ({codes}).</source>
            <translation>{count} zones avec des trajets internes n'ont pas de surface (points) : ces trajets n'ont pas de distance et gardent leurs cyclistes actuels ({codes}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>{km:.1f} km estimated, more than the longest trip that may be cycled ({max:.1f} km)</source>
            <translation>{km:.1f} km estimés, plus que le trajet maximal à vélo ({max:.1f} km)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>{pairs} OD pairs ({flow:.0f} commuters) between {zones} zones; {routable} pairs routed on the network.</source>
            <translation>{pairs} couples OD ({flow:.0f} actifs) entre {zones} zones ; {routable} couples affectés au réseau.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>{scenario}: {cyclists} cyclists of {total} commuters ({share:.1%}; today {now}).</source>
            <translation>{scenario} : {cyclists} cyclistes sur {total} actifs ({share:.1%} ; aujourd'hui {now}).</translation>
        </message>
    </context>
    <context>
        <name>DaskRouting</name>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>'{address}' is not a Dask scheduler address ({env}): write it as tcp://host:8786.</source>
            <translation>« {address} » n'est pas une adresse de planificateur Dask ({env}) : écrivez-la sous la forme tcp://hote:8786.</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>A routing batch failed on the Dask cluster at {address}: {error}
{traceback}</source>
            <translation>Un lot d'itinéraires a échoué sur la grappe Dask {address} : {error}
{traceback}</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>Clear the setting {env} (or its environment variable) to route on this computer.</source>
            <translation>Videz le réglage {env} (ou sa variable d'environnement) pour calculer les itinéraires sur cet ordinateur.</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>Dask worker(s) lost during the run: {workers}; the scheduler runs their batches again on the {left} other worker(s).</source>
            <translation>Nœud(s) de calcul Dask perdu(s) pendant le calcul : {workers} ; le planificateur relance leurs lots sur les {left} autre(s) nœud(s).</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>Dask workers of {address} kept dying while routing ({error}); the scheduler gave up. They may lack memory: give each worker more (dask worker --memory-limit) or fewer threads. Nothing was written.</source>
            <translation>Des nœuds de calcul Dask de {address} se sont arrêtés à répétition pendant le calcul ({error}) ; le planificateur a abandonné. Ils manquent peut-être de mémoire : donnez-en plus à chaque nœud (dask worker --memory-limit) ou moins de fils d'exécution. Rien n'a été écrit.</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>Every Dask worker holding the routing core was lost: the core and {batches} batch(es) were sent again.</source>
            <translation>Tous les nœuds de calcul Dask qui détenaient le réseau d'itinéraires ont été perdus : le réseau et {batches} lot(s) ont été renvoyés.</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>No Dask scheduler answers at {address} ({error}). Start one (dask scheduler), check the address and the firewall, or: {todo}</source>
            <translation>Aucun planificateur Dask ne répond à l'adresse {address} ({error}). Démarrez-en un (dask scheduler), vérifiez l'adresse et le pare-feu, ou : {todo}</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>Routing on the Dask cluster at {address} needs a Python interpreter with the package 'distributed': set TERRITORIAL_DATA_PYTHON to it. {todo}</source>
            <translation>Le calcul des itinéraires sur la grappe Dask {address} demande un interpréteur Python qui a le paquet « distributed » : indiquez-le dans TERRITORIAL_DATA_PYTHON. {todo}</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>Routing on the Dask cluster at {address} needs the Python packages 'distributed' and numpy in {python} (it lacks '{module}'). Install them there with: {python} -m pip install "distributed==&lt;the version of your scheduler&gt;" numpy (this also installs dask), or set TERRITORIAL_DATA_PYTHON to a Python that has them. {todo}</source>
            <translation>Le calcul des itinéraires sur la grappe Dask {address} demande les paquets Python « distributed » et numpy dans {python} (il lui manque « {module} »). Installez-les avec : {python} -m pip install "distributed==&lt;la version de votre planificateur&gt;" numpy (ce qui installe aussi dask), ou indiquez dans TERRITORIAL_DATA_PYTHON un Python qui les a. {todo}</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>Routing on the Dask cluster at {address}: {workers} worker(s), {threads} thread(s).</source>
            <translation>Calcul des itinéraires sur la grappe Dask {address} : {workers} nœud(s) de calcul, {threads} fil(s) d'exécution.</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>The Dask client could not start with {python}: {error}</source>
            <translation>Le client Dask n'a pas pu démarrer avec {python} : {error}</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>The Dask client did not answer within {seconds:.0f} s (scheduler {address}).</source>
            <translation>Le client Dask n'a pas répondu en {seconds:.0f} s (planificateur {address}).</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>The Dask client failed (scheduler {address}): {error}</source>
            <translation>Le client Dask a échoué (planificateur {address}) : {error}</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>The Dask client stopped unexpectedly (scheduler {address}): {error}</source>
            <translation>Le client Dask s'est arrêté de façon inattendue (planificateur {address}) : {error}</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>The Dask scheduler at {address} has had no worker for {seconds:.0f} s: start workers (dask worker {address}) and run again. Nothing was written. {todo}</source>
            <translation>Le planificateur Dask {address} n'a eu aucun nœud de calcul pendant {seconds:.0f} s : démarrez des nœuds (dask worker {address}) et relancez. Rien n'a été écrit. {todo}</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>The Dask workers of {address} cannot run the routing engine ({error}). Each worker needs Python 3.9 or later with numpy, scipy and the scheduler's version of 'distributed'.</source>
            <translation>Les nœuds de calcul Dask de {address} ne peuvent pas faire tourner le moteur d'itinéraires ({error}). Chaque nœud demande Python 3.9 ou plus récent avec numpy, scipy et la version de « distributed » du planificateur.</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>The Dask workers run Python {theirs}, the client Python {mine}.</source>
            <translation>Les nœuds de calcul Dask utilisent Python {theirs}, le client Python {mine}.</translation>
        </message>
        <message>
            <location filename="../processing/engine/cluster.py" />
            <source>The run on the Dask cluster at {address} was interrupted ({error}): the scheduler or all its workers went away. Nothing was written; run again once they are back. {todo}</source>
            <translation>Le calcul sur la grappe Dask {address} a été interrompu ({error}) : le planificateur ou tous ses nœuds de calcul ont disparu. Rien n'a été écrit ; relancez quand ils seront revenus. {todo}</translation>
        </message>
    </context>
    <context>
        <name>Datagouv</name>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>'{code}' is not a territory code: give a commune (5 characters, e.g. 34172), a département (34, 2A, 974), an EPCI SIREN (9 digits) or a region as region:76.</source>
            <translation>« {code} » n'est pas un code de territoire : donnez une commune (5 caractères, par ex. 34172), un département (34, 2A, 974), un SIREN d'EPCI (9 chiffres) ou une région sous la forme region:76.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>'{title}' is {size} MB, more than the {limit} MB this tool downloads: download it yourself and open it in QGIS.</source>
            <translation>« {title} » pèse {size} Mo, plus que les {limit} Mo que cet outil télécharge : téléchargez-le vous-même et ouvrez-le dans QGIS.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>'{value}' is neither a data.gouv.fr resource identifier (like 142fecf6-4873-4dac-9876-2019d925eaf8) nor a web address.</source>
            <translation>« {value} » n'est ni un identifiant de ressource data.gouv.fr (comme 142fecf6-4873-4dac-9876-2019d925eaf8) ni une adresse web.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>Give a resource identifier or the address of a file.</source>
            <translation>Donnez un identifiant de ressource ou l'adresse d'un fichier.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>Give the dataset of this resource too: the data.gouv.fr address in the options does not end with /api/1.</source>
            <translation>Donnez aussi le jeu de données de cette ressource : l'adresse de data.gouv.fr dans les options ne se termine pas par /api/1.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>Give words to search for, an organisation or a territory.</source>
            <translation>Donnez des mots à chercher, une organisation ou un territoire.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>No dataset '{dataset}' on data.gouv.fr: check its identifier or the last part of its page address.</source>
            <translation>Aucun jeu de données « {dataset} » sur data.gouv.fr : vérifiez son identifiant ou la fin de l'adresse de sa page.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>No dataset on data.gouv.fr matches '{query}'{filters}: try other or fewer words, or remove a filter.</source>
            <translation>Aucun jeu de données sur data.gouv.fr ne correspond à « {query} »{filters} : essayez d'autres mots ou moins de mots, ou retirez un filtre.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>No organisation '{name}' on data.gouv.fr: give its identifier or the last part of its page address (e.g. montpellier-mediterranee-metropole for https://www.data.gouv.fr/organizations/montpellier-mediterranee-metropole/).</source>
            <translation>Aucune organisation « {name} » sur data.gouv.fr : donnez son identifiant ou la fin de l'adresse de sa page (par ex. montpellier-mediterranee-metropole pour https://www.data.gouv.fr/organizations/montpellier-mediterranee-metropole/).</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>No resource {rid} on data.gouv.fr: check the identifier.</source>
            <translation>Aucune ressource {rid} sur data.gouv.fr : vérifiez l'identifiant.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>Resources in the format '{format}' cannot be loaded: choose a CSV, GeoJSON, zipped Shapefile or GeoPackage resource.</source>
            <translation>Les ressources au format « {format} » ne peuvent pas être chargées : choisissez une ressource CSV, GeoJSON, Shapefile zippé ou GeoPackage.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>The CSV file is empty.</source>
            <translation>Le fichier CSV est vide.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>The address gives a web page, not a data file: choose a resource that is a file (CSV, GeoJSON, Shapefile in a zip, GeoPackage).</source>
            <translation>L'adresse donne une page web, pas un fichier de données : choisissez une ressource qui est un fichier (CSV, GeoJSON, Shapefile zippé, GeoPackage).</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>The coordinate columns {columns} hold no number: check the file.</source>
            <translation>Les colonnes de coordonnées {columns} ne contiennent aucun nombre : vérifiez le fichier.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>The coordinates {columns} are neither longitude/latitude in degrees nor Lambert-93 metres: check the columns or convert the file.</source>
            <translation>Les coordonnées {columns} ne sont ni des longitudes/latitudes en degrés ni des mètres en Lambert-93 : vérifiez les colonnes ou convertissez le fichier.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>The dataset '{dataset}' has no resource {resource}: check both identifiers.</source>
            <translation>Le jeu de données « {dataset} » n'a pas de ressource {resource} : vérifiez les deux identifiants.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>The maximum number of datasets must be at least 1.</source>
            <translation>Le nombre maximal de jeux de données doit valoir au moins 1.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>The producer and licence of {url} are unknown (no dataset given): check them before reusing the data.</source>
            <translation>Le producteur et la licence de {url} sont inconnus (aucun jeu de données indiqué) : vérifiez-les avant de réutiliser les données.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>The zip archive holds no Shapefile, GeoPackage, GeoJSON or CSV (it holds: {names}).</source>
            <translation>L'archive zip ne contient ni Shapefile, ni GeoPackage, ni GeoJSON, ni CSV (elle contient : {names}).</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>This resource is a spreadsheet (xlsx): open it in a spreadsheet and save it as CSV first.</source>
            <translation>Cette ressource est un classeur (xlsx) : ouvrez-la dans un tableur et enregistrez-la d'abord en CSV.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>a dataset</source>
            <translation>un jeu de données</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>a page of datasets</source>
            <translation>une page de jeux de données</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>a resource</source>
            <translation>une ressource</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>an organisation</source>
            <translation>une organisation</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>format {format}</source>
            <translation>format {format}</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>licence not stated: check the dataset page</source>
            <translation>licence non indiquée : voyez la page du jeu de données</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>organisation {name}</source>
            <translation>organisation {name}</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>territory {code}</source>
            <translation>territoire {code}</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>the coordinates {columns} are read as Lambert-93 (EPSG:2154)</source>
            <translation>les coordonnées {columns} sont lues en Lambert-93 (EPSG:2154)</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>the file is not UTF-8: read as {encoding}</source>
            <translation>le fichier n'est pas en UTF-8 : lu en {encoding}</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>the service gave an unusable next page address; the search stopped at page {page}</source>
            <translation>le service a donné une adresse de page suivante inutilisable ; la recherche s'est arrêtée à la page {page}</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>unknown</source>
            <translation>inconnu</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>unknown producer</source>
            <translation>producteur inconnu</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>unknown: check the source</source>
            <translation>inconnue : vérifiez la source</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{column} (latitude, longitude)</source>
            <translation>{column} (latitude, longitude)</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{count} code(s) in {column} had 4 digits: a leading zero was added (e.g. 1053 -&gt; 01053)</source>
            <translation>{count} code(s) de {column} avaient 4 chiffres : un zéro initial a été ajouté (par ex. 1053 -&gt; 01053)</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{count} dataset(s) came again on a later page (the catalogue changed while it was read): each is listed once</source>
            <translation>{count} jeu(x) de données revenu(s) sur une page suivante (le catalogue a changé pendant la lecture) : chacun n'est listé qu'une fois</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{count} item(s) of the answer were not datasets and were left out</source>
            <translation>{count} élément(s) de la réponse n'étaient pas des jeux de données et ont été écartés</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{count} malformed line(s) (more values than the header has columns) skipped: lines {examples}</source>
            <translation>{count} ligne(s) mal formée(s) (plus de valeurs que l'en-tête n'a de colonnes) écartée(s) : lignes {examples}</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{count} row(s) without a usable position ({empty} empty), kept without geometry: lines {examples}</source>
            <translation>{count} ligne(s) sans position utilisable ({empty} vide(s)), gardée(s) sans géométrie : lignes {examples}</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{count} value(s) of {column} are not commune codes (e.g. {examples}): kept as they are</source>
            <translation>{count} valeur(s) de {column} ne sont pas des codes de commune (par ex. {examples}) : gardées telles quelles</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{service} sent a malformed answer ({what} expected) for {url}: the service may be failing; try again later or check the service address in the plugin options.</source>
            <translation>{service} a envoyé une réponse mal formée ({what} attendu) pour {url} : le service est peut-être défaillant ; réessayez plus tard ou vérifiez l'adresse du service dans les options de l'extension.</translation>
        </message>
        <message>
            <location filename="../providers/datagouv.py" />
            <source>{shown} of the {total} matching datasets are listed: refine the search or raise the maximum.</source>
            <translation>{shown} des {total} jeux de données trouvés sont listés : affinez la recherche ou augmentez le maximum.</translation>
        </message>
    </context>
    <context>
        <name>DatagouvBrowser</name>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>Copy the file address</source>
            <translation>Copier l'adresse du fichier</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>Could not load « {title} »: {error} Open its loading dialog (right-click › Open the loading dialog…) to pick the layer or the format, or copy the file address to check it in a browser.</source>
            <translation>Impossible de charger « {title} » : {error} Ouvrez sa fenêtre de chargement (clic droit › Ouvrir la fenêtre de chargement…) pour choisir la couche ou le format, ou copiez l'adresse du fichier pour la vérifier dans un navigateur.</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>Load as a layer</source>
            <translation>Charger comme couche</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>Open the loading dialog…</source>
            <translation>Ouvrir la fenêtre de chargement…</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>Right-click &gt; Search… to look for datasets on data.gouv.fr; double-click a resource to load it.</source>
            <translation>Clic droit &gt; Chercher… pour trouver des jeux de données sur data.gouv.fr ; double-cliquez sur une ressource pour la charger.</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>Search…</source>
            <translation>Chercher…</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>The Territorial data processing provider is not loaded.</source>
            <translation>Le fournisseur de traitements Données territoriales n'est pas chargé.</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>Words to search for (e.g. aménagements cyclables Hérault):</source>
            <translation>Mots à chercher (par ex. aménagements cyclables Hérault) :</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>data.gouv.fr search</source>
            <translation>Recherche data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>data.gouv.fr search: {query}</source>
            <translation>Recherche data.gouv.fr : {query}</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>no reason was given (see the « {tab} » tab of the log panel)</source>
            <translation>aucune raison n'a été donnée (voir l'onglet « {tab} » du panneau Journal des messages)</translation>
        </message>
        <message>
            <location filename="../ui/browser_datagouv.py" />
            <source>{organization} — licence: {licence} — updated {date}</source>
            <translation>{organization} — licence : {licence} — mis à jour le {date}</translation>
        </message>
    </context>
    <context>
        <name>ExportMap</name>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>A PDF map, or an atlas with one page per feature, with legend, scale bar, north arrow and the sources and licences of the layers.</source>
            <translation>Une carte PDF, ou un atlas avec une page par entité, avec légende, barre d'échelle, flèche du nord et les sources et licences des couches.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>A3 landscape</source>
            <translation>A3 paysage</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>A3 portrait</source>
            <translation>A3 portrait</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>A4 landscape</source>
            <translation>A4 paysage</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>A4 portrait</source>
            <translation>A4 portrait</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>ATLAS_NAME_FIELD is ignored: no atlas layer was given.</source>
            <translation>ATLAS_NAME_FIELD est ignoré : aucune couche d'atlas n'a été donnée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Additional sources (« ; » between sources)</source>
            <translation>Sources supplémentaires (« ; » entre les sources)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Also write a PNG image beside the PDF</source>
            <translation>Écrire aussi une image PNG à côté du PDF</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Applies to straight flow lines between zones (layers with origin and destination fields): thousands of lines make a blob. The legend states what is drawn.</source>
            <translation>S'applique aux lignes de flux droites entre zones (couches avec des champs origin et destination) : des milliers de lignes font une tache. La légende indique ce qui est dessiné.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Atlas page name field</source>
            <translation>Champ du nom des pages de l'atlas</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Atlas pages reach as far as the flow lines of each page's feature.</source>
            <translation>Les pages de l'atlas s'étendent jusqu'au bout des lignes de flux de l'entité de chaque page.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Atlas: one page per feature of this polygon layer (optional)</source>
            <translation>Atlas : une page par entité de cette couche de polygones (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Atlas: {count} pages, one per feature of '{name}'.</source>
            <translation>Atlas : {count} pages, une par entité de « {name} ».</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Cannot create the folder {folder}: {error}</source>
            <translation>Impossible de créer le dossier {folder} : {error}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Choose the PDF file to write (OUTPUT).</source>
            <translation>Choisissez le fichier PDF à écrire (OUTPUT).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Command line: PAPER="A4 landscape", "A4 portrait", "A3 landscape" or "A3 portrait".</source>
            <translation>En ligne de commande : PAPER="A4 landscape", "A4 portrait", "A3 landscape" ou "A3 portrait".</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Export a printed map (PDF)</source>
            <translation>Exporter une carte imprimable (PDF)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Flow lines: draw the largest N (0: all)</source>
            <translation>Lignes de flux : dessiner les N plus grandes (0 : toutes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Flow lines: only from this value up (0: no threshold)</source>
            <translation>Lignes de flux : seulement à partir de cette valeur (0 : sans seuil)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Flow lines: only the main flow of each commune (« oursins »)</source>
            <translation>Lignes de flux : seulement le flux principal de chaque commune (« oursins »)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Inset locating the map: a layer of the surroundings (optional)</source>
            <translation>Carton de localisation : une couche des environs (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Layer '{name}' has no geometry: a table cannot be drawn on a map.</source>
            <translation>La couche « {name} » n'a pas de géométrie : une table ne peut pas être dessinée sur une carte.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Layer '{name}' has no saved style: drawn with a plain style.</source>
            <translation>La couche « {name} » n'a pas de style enregistré : elle est dessinée avec un style sobre.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Layer '{name}' is not valid: check its file.</source>
            <translation>La couche « {name} » n'est pas valide : vérifiez son fichier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Layer '{name}' says nothing about its source (no layer metadata, no source/licence fields): the map credits nothing for it. Fill its metadata (Layer Properties › Metadata) or give its source in EXTRA_SOURCES.</source>
            <translation>La couche « {name} » ne dit rien de sa source (pas de métadonnées, pas de champs source/licence) : la carte ne crédite rien pour elle. Remplissez ses métadonnées (Propriétés de la couche › Métadonnées) ou donnez sa source dans EXTRA_SOURCES.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Layer '{name}': {statement}.</source>
            <translation>Couche « {name} » : {statement}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Layers to draw (first = on top)</source>
            <translation>Couches à dessiner (la première au-dessus)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Layout template (.qpt; empty: the shipped template)</source>
            <translation>Modèle de mise en page (.qpt ; vide : le modèle fourni)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Legend</source>
            <translation>Légende</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Line width: {layer}</source>
            <translation>Épaisseur du trait : {layer}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Map CRS (empty: Lambert-93 in metropolitan France, else UTM)</source>
            <translation>SCR de la carte (vide : Lambert-93 en France métropolitaine, sinon UTM)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Map CRS {crs}, scale 1:{scale:,.0f}.</source>
            <translation>SCR de la carte {crs}, échelle 1:{scale:,.0f}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Name the N main communes (by population, else area; 0: none)</source>
            <translation>Nommer les N principales communes (par population, sinon par surface ; 0 : aucune)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>No layer to draw: choose at least one vector layer in LAYERS.</source>
            <translation>Aucune couche à dessiner : choisissez au moins une couche vecteur dans LAYERS.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Nothing to draw: every layer is empty.</source>
            <translation>Rien à dessiner : toutes les couches sont vides.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Number of pages</source>
            <translation>Nombre de pages</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>PAPER is ignored: the template sets the page size.</source>
            <translation>PAPER est ignoré : le modèle fixe la taille de la page.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>PDF file</source>
            <translation>Fichier PDF</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>PDF files (*.pdf)</source>
            <translation>Fichiers PDF (*.pdf)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>PNG images written (« ; » between files)</source>
            <translation>Images PNG écrites (« ; » entre les fichiers)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Paper (shipped template)</source>
            <translation>Papier (modèle fourni)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Proportional lines: number of width classes (0: the layers' own styles)</source>
            <translation>Traits proportionnels : nombre de classes d'épaisseur (0 : les styles propres des couches)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Proportional lines: widest line (mm)</source>
            <translation>Traits proportionnels : trait le plus épais (mm)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>QGIS layout templates (*.qpt)</source>
            <translation>Modèles de mise en page QGIS (*.qpt)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Resolution (DPI)</source>
            <translation>Résolution (DPI)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Scale bar in {units}.</source>
            <translation>Barre d'échelle en {units}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Subtitle</source>
            <translation>Sous-titre</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Territorial Data</source>
            <translation>Données territoriales</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The atlas layer '{name}' has no feature: there would be no page.</source>
            <translation>La couche d'atlas « {name} » n'a aucune entité : il n'y aurait aucune page.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The atlas layer gives no page.</source>
            <translation>La couche d'atlas ne donne aucune page.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The atlas layer has no field '{field}'. Its fields: {fields}.</source>
            <translation>La couche d'atlas n'a pas de champ « {field} ». Ses champs : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The extent layer '{name}' is empty: choose a layer with features, or none.</source>
            <translation>La couche d'emprise « {name} » est vide : choisissez une couche qui a des entités, ou aucune.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The inset layer is empty or hardly reaches beyond the map: no inset.</source>
            <translation>La couche du carton est vide ou déborde à peine de la carte : pas de carton.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The layout template has no legend.</source>
            <translation>Le modèle de mise en page n'a pas de légende.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The layout template has no north arrow.</source>
            <translation>Le modèle de mise en page n'a pas de flèche du nord.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The layout template has no scale bar.</source>
            <translation>Le modèle de mise en page n'a pas de barre d'échelle.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The layout template prints no sources: add a label with the text [% @territorial_sources %]. The sources are in the PDF metadata.</source>
            <translation>Le modèle de mise en page n'imprime pas les sources : ajoutez une étiquette dont le texte est [% @territorial_sources %]. Les sources figurent dans les métadonnées du PDF.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The layout template {path} has no map item: add a map to it (id 'map').</source>
            <translation>Le modèle de mise en page {path} n'a pas d'objet carte : ajoutez-y une carte (identifiant « map »).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The legend is larger than its frame even in small print: it is cut. Draw fewer layers or classes, or use a larger paper.</source>
            <translation>La légende dépasse son cadre même en petits caractères : elle est coupée. Dessinez moins de couches ou de classes, ou prenez un papier plus grand.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The map needs a title (TITLE).</source>
            <translation>La carte doit avoir un titre (TITLE).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The text of '{item}' does not fit its frame even in small print: it is cut.</source>
            <translation>Le texte de « {item} » dépasse son cadre même en petits caractères : il est coupé.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>The {count} main communes of '{name}' are named.</source>
            <translation>Les {count} principales communes de « {name} » sont nommées.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Vector layers drawn with their styles, in the order of the Layers panel: the first one on top.</source>
            <translation>Couches vecteur dessinées avec leur style, dans l'ordre du panneau Couches : la première au-dessus.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>Zoom to this layer (empty: all drawn layers)</source>
            <translation>Zoomer sur cette couche (vide : toutes les couches dessinées)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>main flow of each commune</source>
            <translation>flux principal de chaque commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>the {count} largest</source>
            <translation>les {count} plus grands</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>{count} PNG image(s) beside it: {files}.</source>
            <translation>{count} image(s) PNG à côté : {files}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>{pages} page(s) written to {path}.</source>
            <translation>{pages} page(s) écrite(s) dans {path}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>{value} or more</source>
            <translation>{value} ou plus</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" />
            <source>{what}: {kept} of {total} lines ({share} of the flow)</source>
            <translation>{what} : {kept} lignes sur {total} ({share} du flux)</translation>
        </message>
    </context>
    <context>
        <name>Facilities</name>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>Count bus lanes open to cycles as facilities (OpenStreetMap)</source>
            <translation>Compter les voies de bus ouvertes aux vélos comme aménagements (OpenStreetMap)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>Cycle facilities (lines: BNAC, OpenStreetMap, or any layer with an expression)</source>
            <translation>Aménagements cyclables (lignes : BNAC, OpenStreetMap, ou toute couche avec une expression)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>Cycle facilities: {count} lines from '{layer}' ({rule}).</source>
            <translation>Aménagements cyclables : {count} lignes de « {layer} » ({rule}).</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>Expression true on the cycle facilities (empty: read from the layer's schema)</source>
            <translation>Expression vraie sur les aménagements cyclables (vide : lue dans le schéma de la couche)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>Needed for a layer that is neither the national schema (ame_d, ame_g) nor an OpenStreetMap export, e.g. "type" IN ('piste', 'bande').</source>
            <translation>Nécessaire pour une couche qui ne suit ni le schéma national (ame_d, ame_g) ni un export OpenStreetMap, par exemple "type" IN ('piste', 'bande').</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>No cycle facility layer: choose a line layer of cycle facilities, e.g. the output of 'Fetch cycle facilities (BNAC)' or a BNAC file.</source>
            <translation>Aucune couche d'aménagements cyclables : choisissez une couche de lignes d'aménagements cyclables, par ex. la sortie de « Récupérer les aménagements cyclables (BNAC) » ou un fichier BNAC.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>OpenStreetMap tags</source>
            <translation>attributs OpenStreetMap</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>The cycle facility layer '{layer}' has no usable facility line ({count} features): choose a layer holding the cycle facilities of the network's area.</source>
            <translation>La couche d'aménagements cyclables « {layer} » n'a aucune ligne d'aménagement utilisable ({count} entités) : choisissez une couche qui contient les aménagements cyclables de la zone du réseau.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>The cycle facility layer '{layer}' holds {kind} geometries, not lines: choose a line layer of cycle facilities, e.g. the output of 'Fetch cycle facilities (BNAC)' or a BNAC file.</source>
            <translation>La couche d'aménagements cyclables « {layer} » contient des géométries {kind}, pas des lignes : choisissez une couche de lignes d'aménagements cyclables, par ex. la sortie de « Récupérer les aménagements cyclables (BNAC) » ou un fichier BNAC.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>The facility expression is not valid: {error}</source>
            <translation>L'expression des aménagements n'est pas valide : {error}</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>The layer '{layer}' is not a cycle facility layer this tool can read: it has neither the national schema (fields ame_d and ame_g) nor OpenStreetMap tags (highway, cycleway...). Its fields are: {fields}. Give an expression that is true on its cycle facilities.</source>
            <translation>La couche « {layer} » n'est pas une couche d'aménagements cyclables que cet outil sait lire : elle n'a ni le schéma national (champs ame_d et ame_g) ni les attributs OpenStreetMap (highway, cycleway...). Ses champs sont : {fields}. Donnez une expression vraie sur ses aménagements cyclables.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>The network layer is also the cycle facility layer: only its lines that {rule} count as facilities.</source>
            <translation>La couche du réseau est aussi la couche des aménagements cyclables : seules ses lignes qui {rule} comptent comme aménagements.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>expression {expression}</source>
            <translation>expression {expression}</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>match the expression</source>
            <translation>vérifient l'expression</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>national schema: ame_d or ame_g</source>
            <translation>schéma national : ame_d ou ame_g</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>no</source>
            <translation>aucune</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>the {schema} schema marks as cycle facilities</source>
            <translation>sont des aménagements cyclables selon le schéma {schema}</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>{count} features of the cycle facility layer have no usable line geometry: left out.</source>
            <translation>{count} entités de la couche d'aménagements cyclables n'ont pas de géométrie linéaire utilisable : écartées.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/facilities.py" />
            <source>{count} lines of the cycle facility layer are not cycle facilities ({rule}): left out.</source>
            <translation>{count} lignes de la couche des aménagements cyclables ne sont pas des aménagements ({rule}) : écartées.</translation>
        </message>
    </context>
    <context>
        <name>FetchAdminBoundaries</name>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>9 digits are read as an EPCI and 2 or 3 characters as a département; a region must be named. Command line: PARENT_LEVEL=departement, epci or region.</source>
            <translation>9 chiffres désignent un EPCI et 2 ou 3 caractères un département ; une région doit être indiquée. En ligne de commande : PARENT_LEVEL=departement, epci ou region.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>A département (78, 2A, 974), an EPCI SIREN (200054781) or a region (with the parent level set to region).</source>
            <translation>Un département (78, 2A, 974), le SIREN d'un EPCI (200054781) ou une région (avec le niveau parent « region »).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>Administrative boundaries</source>
            <translation>Limites administratives</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>Administrative boundaries: {level} {code}</source>
            <translation>Limites administratives : {level} {code}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>Code of the territory (empty: whole country)</source>
            <translation>Code du territoire (vide : toute la France)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>Communes, EPCI, départements or régions of a territory, with population (geo.api.gouv.fr).</source>
            <translation>Communes, EPCI, départements ou régions d'un territoire, avec leur population (geo.api.gouv.fr).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>EPCI</source>
            <translation>EPCI</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>EPCI (intercommunalities)</source>
            <translation>EPCI (intercommunalités)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>Fetch administrative boundaries</source>
            <translation>Récupérer les limites administratives</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>Fetching {level} boundaries for '{code}'…</source>
            <translation>Récupération des limites ({level}) pour « {code} »…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>Level</source>
            <translation>Niveau</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>The code is a (empty: guess from the code)</source>
            <translation>Le code est un (vide : déduit du code)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>What to fetch. Command line: LEVEL=commune, epci, departement or region.</source>
            <translation>Ce qu'il faut récupérer. En ligne de commande : LEVEL=commune, epci, departement ou region.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>communes</source>
            <translation>communes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>département</source>
            <translation>département</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>départements</source>
            <translation>départements</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>région</source>
            <translation>région</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>régions</source>
            <translation>régions</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_admin_boundaries.py" />
            <source>{count} {level} boundaries, population {population}.</source>
            <translation>{count} limites ({level}), population {population}.</translation>
        </message>
    </context>
    <context>
        <name>FetchBdtopoRoads</name>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>An INSEE commune code (95127), an EPCI SIREN (249500109) or a département (95). Leave empty to use the extent.</source>
            <translation>Un code commune INSEE (95127), le SIREN d'un EPCI (249500109) ou un département (95). Laisser vide pour utiliser l'emprise.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>BD TOPO roads</source>
            <translation>Routes BD TOPO</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>BD TOPO roads: {where}</source>
            <translation>Routes BD TOPO : {where}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Features per request</source>
            <translation>Entités par requête</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Fetch BD TOPO roads (IGN)</source>
            <translation>Récupérer les routes de la BD TOPO (IGN)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Fetching BD TOPO road segments for {where}…</source>
            <translation>Récupération des tronçons de route BD TOPO pour {where}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Give a territory code (commune, EPCI or département) or an extent.</source>
            <translation>Donnez un code de territoire (commune, EPCI ou département) ou une emprise.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Give either a territory code or an extent, not both.</source>
            <translation>Donnez soit un code de territoire, soit une emprise, pas les deux.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Incomplete: the service announced {matched} segments.</source>
            <translation>Incomplet : le service annonçait {matched} tronçons.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Keep an incomplete answer</source>
            <translation>Garder une réponse incomplète</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Or an extent</source>
            <translation>Ou une emprise</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Road segments of IGN BD TOPO for a commune, an EPCI, a département or an extent (Géoplateforme WFS).</source>
            <translation>Tronçons de route de la BD TOPO de l'IGN pour une commune, un EPCI, un département ou une emprise (WFS de la Géoplateforme).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Territory code (commune, EPCI or département)</source>
            <translation>Code du territoire (commune, EPCI ou département)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>The service gives at most 5000 features per request; smaller pages make more, shorter requests.</source>
            <translation>Le service renvoie au plus 5000 entités par requête ; des pages plus petites font des requêtes plus nombreuses et plus courtes.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>Used when no territory code is given.</source>
            <translation>Utilisée quand aucun code de territoire n'est donné.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>When the service sends fewer segments than it announced, write them anyway (with a warning) instead of failing.</source>
            <translation>Quand le service envoie moins de tronçons qu'il n'en a annoncé, les écrire quand même (avec un avertissement) au lieu d'échouer.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>extent</source>
            <translation>emprise</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>the extent</source>
            <translation>l'emprise</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_bdtopo_roads.py" />
            <source>{count} road segments of BD TOPO (IGN), troncon_de_route, from the Géoplateforme WFS.</source>
            <translation>{count} tronçons de route de la BD TOPO (IGN), troncon_de_route, depuis le WFS de la Géoplateforme.</translation>
        </message>
    </context>
    <context>
        <name>FetchCycleLanes</name>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>A file following the schema « aménagements cyclables » (GeoJSON, or any format QGIS reads).</source>
            <translation>Un fichier conforme au schéma « aménagements cyclables » (GeoJSON, ou tout format lu par QGIS).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>An INSEE commune code (95127), an EPCI SIREN (249500109) or a département (95).</source>
            <translation>Un code commune INSEE (95127), le SIREN d'un EPCI (249500109) ou un département (95).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>BNAC files (*.geojson *.json *.gpkg *.shp);;All files (*.*)</source>
            <translation>Fichiers BNAC (*.geojson *.json *.gpkg *.shp);;Tous les fichiers (*.*)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Cycle facilities</source>
            <translation>Aménagements cyclables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Cycle facilities of a territory from the national base (schema « aménagements cyclables ») or a local BNAC file, checked against the schema, with normalised facility types per side and one-way.</source>
            <translation>Aménagements cyclables d'un territoire depuis la base nationale (schéma « aménagements cyclables ») ou un fichier BNAC local, contrôlés par rapport au schéma, avec des types d'aménagement normalisés par côté et le sens unique.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Cycle facilities: {where}</source>
            <translation>Aménagements cyclables : {where}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Downloading the national base of cycle facilities (data.gouv.fr, through the cache)…</source>
            <translation>Téléchargement de la base nationale des aménagements cyclables (data.gouv.fr, via le cache)…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Facilities (right and left sides): {counts}.</source>
            <translation>Aménagements (côtés droit et gauche) : {counts}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Fetch cycle facilities (BNAC)</source>
            <translation>Récupérer les aménagements cyclables (BNAC)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Give either a territory code or an extent, not both.</source>
            <translation>Donnez soit un code de territoire, soit une emprise, pas les deux.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Local BNAC file (empty: download the national base)</source>
            <translation>Fichier BNAC local (vide : télécharger la base nationale)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Or an extent</source>
            <translation>Ou une emprise</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>QGIS cannot read {path} as a vector layer: give a GeoJSON, GeoPackage or shapefile.</source>
            <translation>QGIS ne peut pas lire {path} comme couche vecteur : donnez un GeoJSON, un GeoPackage ou un shapefile.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Reading {file}…</source>
            <translation>Lecture de {file}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Schema check: no problem found.</source>
            <translation>Contrôle du schéma : aucun problème.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Schema check: {count} problems in {kinds} kinds.</source>
            <translation>Contrôle du schéma : {count} problèmes de {kinds} sortes.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Territory code (commune, EPCI or département)</source>
            <translation>Code du territoire (commune, EPCI ou département)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>The file {path} does not exist: check the path.</source>
            <translation>Le fichier {path} n'existe pas : vérifiez le chemin.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Validation report</source>
            <translation>Rapport de validation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>Validation report of the cycle facilities</source>
            <translation>Rapport de validation des aménagements cyclables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>extent</source>
            <translation>emprise</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>{count} segments of the national cycle-facility base (schema « aménagements cyclables » {version}); {problems} schema problems found (see the validation report).</source>
            <translation>{count} tronçons de la base nationale des aménagements cyclables (schéma « aménagements cyclables » {version}) ; {problems} écarts au schéma trouvés (voir le rapport de validation).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>{count} segments without a usable line geometry were left out: {ids}</source>
            <translation>{count} tronçons sans géométrie linéaire utilisable ont été écartés : {ids}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>{count} values are not in the schema's lists; unknown facility types are counted as 'none'.</source>
            <translation>{count} valeurs ne figurent pas dans les listes du schéma ; les types d'aménagement inconnus sont comptés comme « none ».</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_cycle_lanes.py" />
            <source>{kept} segments kept out of {read} read; {outside} outside the territory or extent.</source>
            <translation>{kept} tronçons gardés sur {read} lus ; {outside} hors du territoire ou de l'emprise.</translation>
        </message>
    </context>
    <context>
        <name>FetchEstablishments</name>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>A Basic authentication configuration whose password is the INSEE API key: INSEE's API Sirene is used instead of Recherche d'entreprises.</source>
            <translation>Une configuration d'authentification Basic dont le mot de passe est la clé d'API de l'INSEE : l'API Sirene de l'INSEE est alors utilisée au lieu de Recherche d'entreprises.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>A commune (35238, 2A004), an EPCI (9-digit SIREN, 243500139) or a département (35, 2A, 974).</source>
            <translation>Une commune (35238, 2A004), un EPCI (SIREN à 9 chiffres, 243500139) ou un département (35, 2A, 974).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Active establishments only</source>
            <translation>Établissements actifs seulement</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Activity: NAF codes or sections (empty: all)</source>
            <translation>Activité : codes NAF ou sections (vide : toutes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Cannot read the authentication configuration '{id}': check that it exists and that the QGIS authentication database is unlocked (master password; without a display, set QGIS_AUTH_PASSWORD_FILE).</source>
            <translation>Impossible de lire la configuration d'authentification « {id} » : vérifiez qu'elle existe et que la base d'authentification de QGIS est déverrouillée (mot de passe principal ; sans affichage, définissez QGIS_AUTH_PASSWORD_FILE).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Establishments</source>
            <translation>Établissements</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Establishments of a commune, EPCI or département, with activity and head-count band (SIRENE).</source>
            <translation>Établissements d'une commune, d'un EPCI ou d'un département, avec activité et tranche d'effectif (SIRENE).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Fetch SIRENE establishments</source>
            <translation>Récupérer les établissements SIRENE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Fetching establishments of {territory} from {source}…</source>
            <translation>Récupération des établissements de {territory} depuis {source}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Give a territory: a commune INSEE code, an EPCI SIREN or a département.</source>
            <translation>Indiquez un territoire : un code INSEE de commune, un SIREN d'EPCI ou un département.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>INSEE API Sirene</source>
            <translation>API Sirene de l'INSEE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>INSEE API Sirene key (optional authentication configuration)</source>
            <translation>Clé de l'API Sirene de l'INSEE (configuration d'authentification facultative)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>NAF codes such as 47.11F, 56.10A, or NAF section letters such as G, I, separated by commas.</source>
            <translation>Codes NAF comme 47.11F, 56.10A, ou lettres de section NAF comme G, I, séparés par des virgules.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Recherche d'entreprises</source>
            <translation>Recherche d'entreprises</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>SIRENE establishments: {territory}</source>
            <translation>Établissements SIRENE : {territory}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>Territory: commune INSEE code, EPCI SIREN or département</source>
            <translation>Territoire : code INSEE de commune, SIREN d'EPCI ou département</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>The authentication configuration '{id}' holds no key: store the INSEE API key as its password.</source>
            <translation>La configuration d'authentification « {id} » ne contient pas de clé : enregistrez la clé d'API de l'INSEE comme mot de passe.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>These queries failed and their establishments are missing: {pieces}. Run again later to complete them.</source>
            <translation>Ces interrogations ont échoué et leurs établissements manquent : {pieces}. Relancez plus tard pour les compléter.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>These queries still hit the service's cap of 10 000 companies, so some establishments are missing: {pieces}. Narrow the activity filter.</source>
            <translation>Ces interrogations atteignent encore le plafond de 10 000 entreprises du service, des établissements manquent donc : {pieces}. Resserrez le filtre d'activité.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>{company}: the service lists at most 100 establishments of a company per query; there may be more.</source>
            <translation>{company} : le service liste au plus 100 établissements d'une entreprise par requête ; il peut y en avoir davantage.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>{count} closed establishments left out (active establishments only).</source>
            <translation>{count} établissements fermés écartés (établissements actifs seulement).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>{count} establishments from {requests} requests over {pieces} queries.</source>
            <translation>{count} établissements obtenus en {requests} requêtes sur {pieces} interrogations.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>{count} establishments have no position: they are kept without geometry.</source>
            <translation>{count} établissements n'ont pas de position : ils sont gardés sans géométrie.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_establishments.py" />
            <source>{count} establishments left out: their own activity is not the one asked.</source>
            <translation>{count} établissements écartés : leur propre activité n'est pas celle demandée.</translation>
        </message>
    </context>
    <context>
        <name>FetchGtfs</name>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>  also: « {title} » ({networks}), resource {id}</source>
            <translation>  aussi : « {title} » ({networks}), ressource {id}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>A code of the area the feed covers (EPCI SIREN 243400017, commune 34172, département 34) or a name.</source>
            <translation>Un code de la zone couverte par le flux (SIREN d'EPCI 243400017, commune 34172, département 34) ou un nom.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Copy of the feed (optional)</source>
            <translation>Copie du flux (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Feed: {path} ({size} MB). Producer: {producer}. Licence: {licence}.</source>
            <translation>Flux : {path} ({size} Mo). Producteur : {producer}. Licence : {licence}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Fetch a GTFS feed (transport.data.gouv.fr)</source>
            <translation>Récupérer un flux GTFS (transport.data.gouv.fr)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Finds the GTFS timetable of a network by name or territory on transport.data.gouv.fr and downloads it to the cache.</source>
            <translation>Trouve les horaires GTFS d'un réseau par son nom ou son territoire sur transport.data.gouv.fr et les télécharge dans le cache.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>GTFS feed (zip)</source>
            <translation>Flux GTFS (zip)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>GTFS feeds on transport.data.gouv.fr</source>
            <translation>Flux GTFS sur transport.data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>GTFS zip (*.zip)</source>
            <translation>Zip GTFS (*.zip)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Matching GTFS feeds</source>
            <translation>Flux GTFS correspondants</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Network name</source>
            <translation>Nom du réseau</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>No matching GTFS resource has the id {id}: choose one of {ids}.</source>
            <translation>Aucune ressource GTFS trouvée n'a l'identifiant {id} : choisissez parmi {ids}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Resource id (to pick one of several feeds)</source>
            <translation>Identifiant de ressource (pour choisir parmi plusieurs flux)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Searching transport.data.gouv.fr for GTFS feeds ({what})…</source>
            <translation>Recherche de flux GTFS sur transport.data.gouv.fr ({what})…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Territory (INSEE code, SIREN or name)</source>
            <translation>Territoire (code INSEE, SIREN ou nom)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>The resource_id column of the candidates table; empty: the best match.</source>
            <translation>La colonne resource_id de la table des candidats ; vide : le meilleur candidat.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>This feed's timetable ended on {end}: check whether a newer feed exists.</source>
            <translation>Les horaires de ce flux ont pris fin le {end} : vérifiez s'il existe un flux plus récent.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>Words of the network or dataset name, e.g. TaM, STAR, Montpellier.</source>
            <translation>Mots du nom du réseau ou du jeu de données, par ex. TaM, STAR, Montpellier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/fetch_gtfs.py" />
            <source>{count} GTFS feed(s) found; chosen: « {title} » ({networks}), resource {id}, service {start} to {end}.</source>
            <translation>{count} flux GTFS trouvé(s) ; choisi : « {title} » ({networks}), ressource {id}, service du {start} au {end}.</translation>
        </message>
    </context>
    <context>
        <name>FlowIndicators</name>
        <message>
            <location filename="../processing/engine/indicators.py" />
            <source>Mode shares need a mode column in the flows.</source>
            <translation>Les parts modales demandent une colonne de mode dans les flux.</translation>
        </message>
        <message>
            <location filename="../processing/engine/indicators.py" />
            <source>The mode field has {count} different values (at most {limit} are expected, e.g. VP, TC, NM): is it the right field? Examples: {examples}.</source>
            <translation>Le champ de mode a {count} valeurs différentes (au plus {limit} sont attendues, par ex. VP, TC, NM) : est-ce le bon champ ? Exemples : {examples}.</translation>
        </message>
        <message>
            <location filename="../processing/engine/indicators.py" />
            <source>The skim table has no column {columns}: it needs origin, destination and distance_km, as written by territorial:od_skim_matrix.</source>
            <translation>La table de distances n'a pas de colonne {columns} : il lui faut origin, destination et distance_km, tels qu'écrits par territorial:od_skim_matrix.</translation>
        </message>
    </context>
    <context>
        <name>FlowLines</name>
        <message>
            <location filename="../processing/engine/flowlines.py" />
            <source>Flows table, row {row}: the flow '{value}' is not a number of zero or more. Fix that row.</source>
            <translation>Table de flux, ligne {row} : le flux « {value} » n'est pas un nombre positif ou nul. Corrigez cette ligne.</translation>
        </message>
        <message>
            <location filename="../processing/engine/flowlines.py" />
            <source>The flows table has no column {columns}: it needs origin, destination and flow.</source>
            <translation>La table de flux n'a pas de colonne {columns} : il lui faut origin, destination et flow.</translation>
        </message>
        <message>
            <location filename="../processing/engine/flowlines.py" />
            <source>The minimum flow must be zero or a positive number.</source>
            <translation>Le flux minimal doit être zéro ou un nombre positif.</translation>
        </message>
        <message>
            <location filename="../processing/engine/flowlines.py" />
            <source>The number of lines to keep must be zero (all) or positive.</source>
            <translation>Le nombre de lignes à garder doit être zéro (toutes) ou positif.</translation>
        </message>
        <message>
            <location filename="../processing/engine/flowlines.py" />
            <source>Unknown direction '{direction}': use one of {choices}.</source>
            <translation>Sens inconnu « {direction} » : utilisez l'un de {choices}.</translation>
        </message>
        <message>
            <location filename="../processing/engine/flowlines.py" />
            <source>Zones must be polygons or points; got a {kind}.</source>
            <translation>Les zones doivent être des polygones ou des points ; reçu : {kind}.</translation>
        </message>
    </context>
    <context>
        <name>FlowZones</name>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>{count} Paris, Lyon or Marseille arrondissement codes joined their commune (e.g. {old} → {new}).</source>
            <translation>{count} codes d'arrondissement de Paris, Lyon ou Marseille ont rejoint leur commune (par ex. {old} → {new}).</translation>
        </message>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>{count} codes are not in the zones: {details}{more}. Their {rows} rows, total flow {flow} ({share:.1%} of all flows), are listed in the missing-zones table. Check the zone code field, or move the flow codes to the zones' COG vintage (territorial:import_mobpro does it).</source>
            <translation>{count} codes ne sont pas dans les zones : {details}{more}. Leurs {rows} lignes, flux total {flow} ({share:.1%} de tous les flux), sont listées dans la table des zones manquantes. Vérifiez le champ de code de zone, ou ramenez les codes des flux au millésime du COG des zones (territorial:import_mobpro le fait).</translation>
        </message>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>{count} flow codes joined a zone once their leading zeros were restored or removed (e.g. {old} → {new}).</source>
            <translation>{count} codes de flux ont rejoint une zone une fois leurs zéros initiaux restaurés ou retirés (par ex. {old} → {new}).</translation>
        </message>
    </context>
    <context>
        <name>FluxVision</name>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>'{file}' has no column '{name}' (chosen as the {role}). Its columns are: {columns}.</source>
            <translation>« {file} » n'a pas de colonne « {name} » (choisie comme {role}). Ses colonnes sont : {columns}.</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>'{file}' is not a Flux Vision export this tool knows (its columns are: {columns}). Known layouts: presence (Date, ZoneObservation, Provenance, CategorieVisiteur, Volume, with NomDepartement or Pays), OD (Periode, ZoneOrigine, ZoneDestination, Volume). Choose the origin, destination and volume columns in the column mapping.</source>
            <translation>« {file} » n'est pas un export Flux Vision que cet outil connaît (ses colonnes sont : {columns}). Structures connues : présence (Date, ZoneObservation, Provenance, CategorieVisiteur, Volume, avec NomDepartement ou Pays), OD (Periode, ZoneOrigine, ZoneDestination, Volume). Choisissez les colonnes origine, destination et volume dans la correspondance des colonnes.</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>'{file}' is not a Flux Vision layout this tool knows: choose the columns for {missing} (its columns are: {columns}).</source>
            <translation>« {file} » n'a pas une structure Flux Vision que cet outil connaît : choisissez les colonnes pour {missing} (ses colonnes sont : {columns}).</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>Zone names shared by several zones of the layer, not used for matching: {names}.</source>
            <translation>Noms portés par plusieurs zones de la couche, non utilisés pour l'appariement : {names}.</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>category</source>
            <translation>catégorie</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>destination</source>
            <translation>destination</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>département</source>
            <translation>département</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>not a French département name or code</source>
            <translation>ni un nom ni un code de département français</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>not a commune code in any COG vintage from 1968 to 2026 ({column})</source>
            <translation>pas un code de commune dans aucun millésime du COG de 1968 à 2026 ({column})</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>not an INSEE commune code ({column})</source>
            <translation>pas un code commune INSEE ({column})</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>origin</source>
            <translation>origine</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>period</source>
            <translation>période</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>total of the other rows, excluded so that nothing is counted twice</source>
            <translation>total des autres lignes, écarté pour ne rien compter deux fois</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>volume</source>
            <translation>volume</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>zone matched in {layer}</source>
            <translation>zone appariée dans {layer}</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>zone not found by code or name in the zone layer {layer} ({column})</source>
            <translation>zone introuvable par code ou par nom dans la couche de zones {layer} ({column})</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>{count} values suppressed by the producer (kept as missing, not zero)</source>
            <translation>{count} valeurs masquées par le producteur (gardées manquantes, pas à zéro)</translation>
        </message>
        <message>
            <location filename="../providers/fluxvision.py" />
            <source>{file}: {layout} layout, {rows} rows, volume {flow:.0f}, {missing} suppressed values.</source>
            <translation>{file} : structure {layout}, {rows} lignes, volume {flow:.0f}, {missing} valeurs masquées.</translation>
        </message>
    </context>
    <context>
        <name>GeoApi</name>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>A département does not contain regions: choose the region itself as the parent (parent level: region).</source>
            <translation>Un département ne contient pas de région : choisissez la région elle-même comme parent (niveau parent : region).</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>An EPCI does not contain {level}s: choose a département or region as the parent.</source>
            <translation>Un EPCI ne contient pas de {level} : choisissez un département ou une région comme parent.</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>Cannot tell what territory the code '{code}' is: give a département (2 or 3 characters, e.g. 78, 2A, 974), an EPCI SIREN (9 digits, e.g. 200054781) or set the parent level to region.</source>
            <translation>Impossible de savoir quel territoire désigne le code « {code} » : indiquez un département (2 ou 3 caractères, par ex. 78, 2A, 974), le SIREN d'un EPCI (9 chiffres, par ex. 200054781) ou choisissez le niveau parent « region ».</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>Give the code of the {parent}, or no parent level for the whole country.</source>
            <translation>Indiquez le code du {parent}, ou aucun niveau parent pour toute la France.</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>The service returned no {level}.</source>
            <translation>Le service n'a renvoyé aucun {level}.</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>Unknown level '{level}': use one of {levels}.</source>
            <translation>Niveau « {level} » inconnu : utilisez l'un de {levels}.</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>Unknown parent level '{parent}': use one of {levels}.</source>
            <translation>Niveau parent « {parent} » inconnu : utilisez l'un de {levels}.</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>no {level} found for {parent} {code}: check {hint}</source>
            <translation>aucun {level} trouvé pour {parent} {code} : vérifiez {hint}</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>the SIREN code (9 digits)</source>
            <translation>le code SIREN (9 chiffres)</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>the département code (01-95, 2A, 2B, 971-976)</source>
            <translation>le code du département (01-95, 2A, 2B, 971-976)</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>the region code (2 digits, e.g. 11, 84)</source>
            <translation>le code de la région (2 chiffres, par ex. 11, 84)</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>{service} sent an answer that is not GeoJSON: check the service address in the plugin options.</source>
            <translation>{service} a renvoyé une réponse qui n'est pas du GeoJSON : vérifiez l'adresse du service dans les options de l'extension.</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>{service} sent an answer that is not a list: check the service address in the plugin options.</source>
            <translation>{service} a renvoyé une réponse qui n'est pas une liste : vérifiez l'adresse du service dans les options de l'extension.</translation>
        </message>
    </context>
    <context>
        <name>GeocodeAddresses</name>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>A table of addresses to points, in bulk through the Base Adresse Nationale (IGN Géoplateforme).</source>
            <translation>Une table d'adresses en points, en masse avec la Base Adresse Nationale (Géoplateforme de l'IGN).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Address field(s), joined in this order</source>
            <translation>Champ(s) d'adresse, joints dans cet ordre</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Any table or layer; a CSV file may be in UTF-8 or Windows-1252, with any usual separator.</source>
            <translation>Toute table ou couche ; un fichier CSV peut être en UTF-8 ou Windows-1252, avec tout séparateur usuel.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>CRS of the points</source>
            <translation>SCR des points</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Choose at least one address field.</source>
            <translation>Choisissez au moins un champ d'adresse.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Geocode addresses</source>
            <translation>Géocoder des adresses</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Geocoded addresses</source>
            <translation>Adresses géocodées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Geocoding {rows} addresses…</source>
            <translation>Géocodage de {rows} adresses…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>INSEE commune code field (restricts each search)</source>
            <translation>Champ du code commune INSEE (restreint chaque recherche)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Minimum score (0 to 1)</source>
            <translation>Score minimal (de 0 à 1)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>One field with the full address, or several (number, street, city) joined by a space.</source>
            <translation>Un champ avec l'adresse complète, ou plusieurs (numéro, voie, commune) joints par une espace.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Postcode field (restricts each search)</source>
            <translation>Champ du code postal (restreint chaque recherche)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Read {rows} rows from {file} (encoding {encoding}, separator '{sep}').</source>
            <translation>{rows} lignes lues dans {file} (encodage {encoding}, séparateur « {sep} »).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Results under this score are kept without a point, with the status low-score.</source>
            <translation>Les résultats sous ce score sont gardés sans point, avec le statut low-score.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Row {row}: {status} — '{address}' {why}</source>
            <translation>Ligne {row} : {status} — « {address} » {why}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>Table or layer of addresses</source>
            <translation>Table ou couche d'adresses</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>The file has no column '{name}'. Its columns are: {columns}.</source>
            <translation>Le fichier n'a pas de colonne « {name} ». Ses colonnes sont : {columns}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>The input field '{old}' is kept as '{new}': its name is taken by a result field.</source>
            <translation>Le champ d'entrée « {old} » est gardé sous le nom « {new} » : son nom est pris par un champ de résultat.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>The input has no field '{name}'.</source>
            <translation>L'entrée n'a pas de champ « {name} ».</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>The input has no rows: there is nothing to geocode.</source>
            <translation>L'entrée n'a aucune ligne : il n'y a rien à géocoder.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>{ok} addresses found, {low} under the minimum score, {missing} not found, {skipped} skipped, {error} in error ({requests} requests to the service).</source>
            <translation>{ok} adresses trouvées, {low} sous le score minimal, {missing} introuvables, {skipped} ignorées, {error} en erreur ({requests} requêtes au service).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" />
            <source>… and {count} more rows without a point: see the result_status and result_message fields.</source>
            <translation>… et {count} autres lignes sans point : voir les champs result_status et result_message.</translation>
        </message>
    </context>
    <context>
        <name>Geocoding</name>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>Cannot read the file {path}: {error}</source>
            <translation>Impossible de lire le fichier {path} : {error}</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>HTML or JSON instead of CSV</source>
            <translation>du HTML ou du JSON au lieu de CSV</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>Rows {first} to {last} could not be geocoded: {error}</source>
            <translation>Les lignes {first} à {last} n'ont pas pu être géocodées : {error}</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>The file {path} has no column '{name}' (columns: {columns}).</source>
            <translation>Le fichier {path} n'a pas de colonne « {name} » (colonnes : {columns}).</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>The minimum score must be between 0 and 1 (got {value}).</source>
            <translation>Le score minimal doit être compris entre 0 et 1 (reçu : {value}).</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>a row has too few columns</source>
            <translation>une ligne a trop peu de colonnes</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>a row id is not a number</source>
            <translation>un identifiant de ligne n'est pas un nombre</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>coordinates outside WGS84 bounds</source>
            <translation>coordonnées hors des limites du WGS84</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>empty address</source>
            <translation>adresse vide</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>empty body</source>
            <translation>corps vide</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>missing columns {columns}</source>
            <translation>colonnes manquantes : {columns}</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>no geometry</source>
            <translation>pas de géométrie</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>no header line</source>
            <translation>pas de ligne d'en-tête</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>no row in the answer</source>
            <translation>aucune ligne dans la réponse</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>score {score:.2f} under the minimum {minimum:.2f}</source>
            <translation>score {score:.2f} sous le minimum {minimum:.2f}</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>the address must have at least 3 characters and start with a letter or a digit</source>
            <translation>l'adresse doit avoir au moins 3 caractères et commencer par une lettre ou un chiffre</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>the row is missing from the service's answer</source>
            <translation>la ligne manque dans la réponse du service</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>the service could not geocode this row</source>
            <translation>le service n'a pas pu géocoder cette ligne</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>the service gave no coordinates</source>
            <translation>le service n'a pas donné de coordonnées</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>the service skipped the address (too short or starting with a symbol)</source>
            <translation>le service a ignoré l'adresse (trop courte ou commençant par un symbole)</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>{count} rows have an invalid postcode or INSEE code (5 characters expected): they were searched without it.</source>
            <translation>{count} lignes ont un code postal ou un code INSEE invalide (5 caractères attendus) : elles ont été cherchées sans lui.</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>{count} rows have more values than the header has columns (lines {lines}); the extra values were ignored.</source>
            <translation>{count} lignes ont plus de valeurs que l'en-tête n'a de colonnes (lignes {lines}) ; les valeurs en trop ont été ignorées.</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>{service} sent a malformed answer ({why}). The service may be failing, or the service address in the plugin options may point elsewhere; try again later.</source>
            <translation>{service} a envoyé une réponse mal formée ({why}). Le service est peut-être en panne, ou l'adresse du service dans les options de l'extension pointe ailleurs ; réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../providers/geocoding.py" />
            <source>{service} sent an answer that is not GeoJSON: check the service address in the plugin options.</source>
            <translation>{service} a envoyé une réponse qui n'est pas du GeoJSON : vérifiez l'adresse du service dans les options de l'extension.</translation>
        </message>
    </context>
    <context>
        <name>Gtfs</name>
        <message>
            <location filename="../providers/archive.py" />
            <source>'{name}' declares {size} MB uncompressed, more than the {limit} MB allowed</source>
            <translation>« {name} » annonce {size} Mo décompressé, plus que les {limit} Mo permis</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>'{name}' expands {ratio:.0f} times ({size} MB): the archive looks like a zip bomb</source>
            <translation>« {name} » se décompresse {ratio:.0f} fois ({size} Mo) : l'archive ressemble à une bombe zip</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>'{name}' is encrypted: give an archive without a password</source>
            <translation>« {name} » est chiffré : donnez une archive sans mot de passe</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>'{name}' is larger than it declares: the archive is corrupt or hostile.</source>
            <translation>« {name} » est plus gros qu'annoncé : l'archive est corrompue ou malveillante.</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>'{name}' is not a readable zip archive ({error}): give the zip file itself, downloaded completely.</source>
            <translation>« {name} » n'est pas une archive zip lisible ({error}) : donnez le fichier zip lui-même, téléchargé en entier.</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>'{value}' is not a date: write it YYYY-MM-DD, e.g. 2025-10-14.</source>
            <translation>« {value} » n'est pas une date : écrivez-la AAAA-MM-JJ, par ex. 2025-10-14.</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>'{value}' is not a time{what}: write it HH:MM, e.g. 07:30 (after midnight of the same service day: 25:30).</source>
            <translation>« {value} » n'est pas une heure{what} : écrivez-la HH:MM, par ex. 07:30 (après minuit du même jour de service : 25:30).</translation>
        </message>
        <message>
            <location filename="../processing/inputs/gtfs.py" />
            <source>GTFS feed {name}</source>
            <translation>Flux GTFS {name}</translation>
        </message>
        <message>
            <location filename="../processing/inputs/gtfs.py" />
            <source>No date given: {day} ({weekday}), the weekday with the most trips, is used.</source>
            <translation>Pas de date donnée : le {day} ({weekday}), jour de semaine ayant le plus de courses, est utilisé.</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>Other remarks:</source>
            <translation>Autres remarques :</translation>
        </message>
        <message>
            <location filename="../processing/inputs/gtfs.py" />
            <source>Reading {name}…</source>
            <translation>Lecture de {name}…</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>The GTFS feed '{name}' cannot be used:</source>
            <translation>Le flux GTFS « {name} » est inutilisable :</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <location filename="../providers/textfile.py" />
            <source>The archive '{name}' cannot be used: {problems}.</source>
            <translation>L'archive « {name} » est inutilisable : {problems}.</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>The end of the time window ({end}) must be after its start ({start}); for a window past midnight write e.g. 22:00 to 26:00.</source>
            <translation>La fin de la plage horaire ({end}) doit suivre son début ({start}) ; pour une plage après minuit, écrivez par ex. 22:00 à 26:00.</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>The file '{path}' does not exist: check the path.</source>
            <translation>Le fichier « {path} » n'existe pas : vérifiez le chemin.</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>calendar.txt and calendar_dates.txt are both missing: no service day is known</source>
            <translation>calendar.txt et calendar_dates.txt sont tous deux absents : aucun jour de service n'est connu</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>calendar.txt: {count} service(s) with a date that is not YYYYMMDD ({examples}): set aside</source>
            <translation>calendar.txt : {count} service(s) avec une date qui n'est pas AAAAMMJJ ({examples}) : écarté(s)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>calendar_dates.txt: {count} row(s) with a bad date or exception_type ({examples}): set aside</source>
            <translation>calendar_dates.txt : {count} ligne(s) avec une date ou un exception_type invalide ({examples}) : écartée(s)</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>entry '{name}' ignored: it is a symbolic link</source>
            <translation>entrée « {name} » ignorée : c'est un lien symbolique</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>entry '{name}' ignored: its path leaves the archive folder (path traversal)</source>
            <translation>entrée « {name} » ignorée : son chemin sort du dossier de l'archive (traversée de chemin)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>no service runs on {day} in this feed (service period {first} to {last}): every count is 0</source>
            <translation>aucun service ne circule le {day} dans ce flux (période de service du {first} au {last}) : tous les comptes valent 0</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>no usable service day in calendar.txt or calendar_dates.txt</source>
            <translation>aucun jour de service utilisable dans calendar.txt ou calendar_dates.txt</translation>
        </message>
        <message>
            <location filename="../processing/inputs/gtfs.py" />
            <source>not stated (local file): check the publisher's licence</source>
            <translation>non indiquée (fichier local) : vérifiez la licence de l'éditeur</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>route {route}: fewer than two stops with a position, no line drawn</source>
            <translation>ligne {route} : moins de deux arrêts avec une position, aucun tracé</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>several '{base}' in the archive: '{used}' used, '{other}' ignored</source>
            <translation>plusieurs « {base} » dans l'archive : « {used} » utilisé, « {other} » ignoré</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>shapes.txt: {count} point(s) with bad coordinates or sequence ({examples}): set aside</source>
            <translation>shapes.txt : {count} point(s) avec des coordonnées ou une séquence invalides ({examples}) : écarté(s)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>stop_times.txt has no usable row</source>
            <translation>stop_times.txt n'a aucune ligne utilisable</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>stop_times.txt: {count} row(s) at a stop missing from stops.txt ({examples}): set aside</source>
            <translation>stop_times.txt : {count} ligne(s) à un arrêt absent de stops.txt ({examples}) : écartée(s)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>stop_times.txt: {count} row(s) of a trip missing from trips.txt ({examples}): set aside</source>
            <translation>stop_times.txt : {count} ligne(s) d'une course absente de trips.txt ({examples}) : écartée(s)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>stop_times.txt: {count} row(s) with a stop_sequence that is not a number ({examples}): set aside</source>
            <translation>stop_times.txt : {count} ligne(s) dont le stop_sequence n'est pas un nombre ({examples}) : écartée(s)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>stop_times.txt: {count} time(s) not in H:MM:SS form ({examples}): those stops get no time</source>
            <translation>stop_times.txt : {count} heure(s) hors de la forme H:MM:SS ({examples}) : ces passages n'ont pas d'heure</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>stop_times.txt: {count} trip(s) with times going backwards ({examples})</source>
            <translation>stop_times.txt : {count} course(s) dont les heures reculent ({examples})</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>stop_times.txt: {count} trip(s) without a time at their first or last stop ({examples}): those stops are not counted</source>
            <translation>stop_times.txt : {count} course(s) sans heure à leur premier ou dernier arrêt ({examples}) : ces passages ne sont pas comptés</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>stops.txt: {count} stop(s) without valid coordinates ({examples}): kept without a position</source>
            <translation>stops.txt : {count} arrêt(s) sans coordonnées valides ({examples}) : gardé(s) sans position</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>the GTFS files are inside the folder '{folder}' of the archive</source>
            <translation>les fichiers GTFS sont dans le dossier « {folder} » de l'archive</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>the archive holds {count} entries, more than the {limit} allowed</source>
            <translation>l'archive contient {count} entrées, plus que les {limit} permises</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>the feed does not fit in the memory left once read: close other programs or give a smaller feed (fewer days or routes)</source>
            <translation>le flux ne tient pas dans la mémoire disponible une fois lu : fermez d'autres programmes ou donnez un flux plus petit (moins de jours ou de lignes)</translation>
        </message>
        <message>
            <location filename="../providers/archive.py" />
            <source>the files to read declare {size} MB uncompressed, more than the {limit} MB allowed</source>
            <translation>les fichiers à lire annoncent {size} Mo décompressés, plus que les {limit} Mo permis</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>trips.txt: {count} trip(s) refer to a route missing from routes.txt ({examples}): set aside</source>
            <translation>trips.txt : {count} course(s) renvoient à une ligne absente de routes.txt ({examples}) : écartée(s)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{count} route(s) have no trip with stop times ({examples}): kept without a line</source>
            <translation>{count} ligne(s) n'ont aucune course avec des horaires ({examples}) : gardée(s) sans tracé</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{count} route(s) refer to a shape missing or broken in shapes.txt ({examples}): drawn from their stop sequence</source>
            <translation>{count} ligne(s) renvoient à un tracé absent ou défectueux dans shapes.txt ({examples}) : tracée(s) depuis la suite des arrêts</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{file} is missing</source>
            <translation>{file} est absent</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{file}: {count} duplicate {key}(s) ({examples}); the first row of each kept</source>
            <translation>{file} : {count} {key} en double ({examples}) ; la première ligne de chacun est gardée</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{name} ({size} MB uncompressed) does not fit in the memory left: close other programs or give a smaller feed (fewer days or routes)</source>
            <translation>{name} ({size} Mo décompressés) ne tient pas dans la mémoire disponible : fermez d'autres programmes ou donnez un flux plus petit (moins de jours ou de lignes)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{name} cannot be read as CSV ({error})</source>
            <translation>{name} ne peut pas être lu comme un CSV ({error})</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{name} has an unknown text encoding: save it as UTF-8</source>
            <translation>{name} a un encodage de texte inconnu : enregistrez-le en UTF-8</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{name} is empty (no header line)</source>
            <translation>{name} est vide (pas de ligne d'en-tête)</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{name} is not UTF-8: read as Windows-1252</source>
            <translation>{name} n'est pas en UTF-8 : lu en Windows-1252</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{name} lacks the required column(s) {columns}</source>
            <translation>il manque à {name} la ou les colonnes obligatoires {columns}</translation>
        </message>
        <message>
            <location filename="../providers/gtfs.py" />
            <source>{name}: {count} malformed line(s) (wrong number of fields) skipped{examples}</source>
            <translation>{name} : {count} ligne(s) mal formée(s) (mauvais nombre de champs) écartée(s){examples}</translation>
        </message>
    </context>
    <context>
        <name>Http</name>
        <message>
            <location filename="../providers/http.py" />
            <source> ({tries} tries)</source>
            <translation> ({tries} essais)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>; the {deadline} s allowed for one request ran out</source>
            <translation> ; les {deadline} s accordées à une requête sont écoulées</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Access was refused: check the credentials (authentication configuration) for this service.</source>
            <translation>Accès refusé : vérifiez les identifiants (configuration d'authentification) de ce service.</translation>
        </message>
        <message>
            <location filename="../providers/errors.py" />
            <source>Cancelled by the user.</source>
            <translation>Annulé par l'utilisateur.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Check the network connection and the service address in the plugin options, or turn on offline mode to use the cache.</source>
            <translation>Vérifiez la connexion réseau et l'adresse du service dans les options de l'extension, ou activez le mode hors ligne pour utiliser le cache.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Check the proxy in QGIS Settings &gt; Options &gt; Network.</source>
            <translation>Vérifiez le proxy dans Préférences &gt; Options &gt; Réseau de QGIS.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Check the service address in the plugin options (it must start with https://).</source>
            <translation>Vérifiez l'adresse du service dans les options de l'extension (elle doit commencer par https://).</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Check the service address in the plugin options; the service may be misconfigured.</source>
            <translation>Vérifiez l'adresse du service dans les options de l'extension ; le service est peut-être mal configuré.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Download it yourself and give the local file instead.</source>
            <translation>Téléchargez-le vous-même et indiquez plutôt le fichier local.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>HTTP {status}</source>
            <translation>HTTP {status}</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>HTTP {status}: the service asks to wait {seconds} s before asking again</source>
            <translation>HTTP {status} : le service demande d'attendre {seconds} s avant de l'interroger de nouveau</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>If your organisation inspects HTTPS traffic, import its root certificate in QGIS (Settings &gt; Options &gt; Authentication &gt; Certificate Manager &gt; Authorities) and try again.</source>
            <translation>Si votre organisation inspecte le trafic HTTPS, importez son certificat racine dans QGIS (Préférences &gt; Options &gt; Authentification &gt; Gestionnaire de certificats &gt; Autorités) puis réessayez.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Nothing exists at this address: check the code or identifier you asked for.</source>
            <translation>Rien n'existe à cette adresse : vérifiez le code ou l'identifiant demandé.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Nothing was kept. Try again later; if it keeps failing, the service or a proxy on the way cuts large files.</source>
            <translation>Rien n'a été gardé. Réessayez plus tard ; si l'échec se répète, le service ou un proxy sur le chemin coupe les gros fichiers.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Run again after {time}.</source>
            <translation>Relancez après {time}.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The proxy asks for credentials: check the proxy user and password in QGIS Settings &gt; Options &gt; Network.</source>
            <translation>Le proxy demande des identifiants : vérifiez l'utilisateur et le mot de passe du proxy dans Préférences &gt; Options &gt; Réseau de QGIS.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The request was refused: check the parameters you gave.</source>
            <translation>La requête a été refusée : vérifiez les paramètres fournis.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The service is failing or down: try again later, or use offline mode with the cache.</source>
            <translation>Le service est en panne ou indisponible : réessayez plus tard, ou utilisez le mode hors ligne avec le cache.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The service is reachable but not answering: try again later. The limits are the settings TERRITORIAL_DATA_READ_TIMEOUT and TERRITORIAL_DATA_DEADLINE.</source>
            <translation>Le service est joignable mais ne répond pas : réessayez plus tard. Les délais sont les réglages TERRITORIAL_DATA_READ_TIMEOUT et TERRITORIAL_DATA_DEADLINE.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The service is reachable but slow: try again later, or lower TERRITORIAL_DATA_MIN_SPEED (kB/s).</source>
            <translation>Le service est joignable mais lent : réessayez plus tard, ou abaissez TERRITORIAL_DATA_MIN_SPEED (ko/s).</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The service is reachable but slow: try again later, or raise the limit (setting TERRITORIAL_DATA_DEADLINE, in seconds).</source>
            <translation>Le service est joignable mais lent : réessayez plus tard, ou relevez la limite (réglage TERRITORIAL_DATA_DEADLINE, en secondes).</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The service limits the request rate: run again after {time}.</source>
            <translation>Le service limite le rythme des requêtes : relancez après {time}.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The service limits the request rate: wait a minute and run again.</source>
            <translation>Le service limite le nombre de requêtes : attendez une minute puis relancez.</translation>
        </message>
        <message>
            <location filename="../providers/cache.py" />
            <location filename="../providers/http.py" />
            <source>The service may be failing or the address may point elsewhere: check the service address in the plugin options.</source>
            <translation>Le service est peut-être en panne ou l'adresse pointe ailleurs : vérifiez l'adresse du service dans les options de l'extension.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>The service was reached but is failing: try again later, or turn on offline mode to use the cache.</source>
            <translation>Le service a été joint mais il est défaillant : réessayez plus tard, ou activez le mode hors ligne pour utiliser le cache.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Try again later, or turn on offline mode to use the cache.</source>
            <translation>Réessayez plus tard, ou activez le mode hors ligne pour utiliser le cache.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>Try again later; if it keeps happening, the service or a proxy on the way cuts its answers.</source>
            <translation>Réessayez plus tard ; si cela se répète, le service ou un proxy sur le chemin coupe ses réponses.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>connected, but no answer within {seconds} s</source>
            <translation>connecté, mais aucune réponse en {seconds} s</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>connection failed ({error})</source>
            <translation>échec de la connexion ({error})</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>its certificate is not trusted ({error})</source>
            <translation>son certificat n'est pas reconnu ({error})</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>longer than the plugin waits ({limit} s, setting TERRITORIAL_DATA_MAX_WAIT)</source>
            <translation>plus longtemps que l'extension n'attend ({limit} s, réglage TERRITORIAL_DATA_MAX_WAIT)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>longer than the time left for this request ({limit} s)</source>
            <translation>plus que le temps restant pour cette requête ({limit} s)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>no answer within the time limit: the service was reached but did not answer ({problem}; {tries} tries in {seconds} s)</source>
            <translation>aucune réponse dans le délai imparti : le service a été joint mais n'a pas répondu ({problem} ; {tries} essais en {seconds} s)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>no complete answer ({problem}; {tries} tries in {seconds} s)</source>
            <translation>aucune réponse complète ({problem} ; {tries} essais en {seconds} s)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>no connection within {seconds} s</source>
            <translation>pas de connexion en {seconds} s</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the address is not a valid web address</source>
            <translation>l'adresse n'est pas une adresse web valide</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the address redirects in a loop (more than {count} redirections)</source>
            <translation>l'adresse redirige en boucle (plus de {count} redirections)</translation>
        </message>
        <message>
            <location filename="../providers/cache.py" />
            <location filename="../providers/http.py" />
            <source>the answer is not valid JSON</source>
            <translation>la réponse n'est pas du JSON valide</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the answer is not valid JSON (cut short or malformed) every time ({tries} tries in {seconds} s)</source>
            <translation>la réponse n'est pas du JSON valide (tronquée ou mal formée) à chaque fois ({tries} essais en {seconds} s)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the answer is not valid JSON: cut short or malformed</source>
            <translation>la réponse n'est pas du JSON valide : tronquée ou mal formée</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the answer stopped coming after {received}</source>
            <translation>la réponse s'est interrompue après {received}</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the answer was incomplete every time ({problem}; {tries} tries in {seconds} s)</source>
            <translation>la réponse était incomplète à chaque fois ({problem} ; {tries} essais en {seconds} s)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the connection closed after {received}</source>
            <translation>la connexion s'est fermée après {received}</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the connection was closed before any answer ({error})</source>
            <translation>la connexion a été fermée avant toute réponse ({error})</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the download is too slow: {size} in {seconds} s, under the {speed} kB/s required once the {deadline} s of the request deadline have passed</source>
            <translation>le téléchargement est trop lent : {size} en {seconds} s, sous les {speed} ko/s exigés une fois passées les {deadline} s du délai de la requête</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the download was cut short: {problem} ({tries} tries)</source>
            <translation>le téléchargement a été interrompu : {problem} ({tries} essais)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the file is larger than the {limit} MB allowed</source>
            <translation>le fichier dépasse les {limit} Mo autorisés</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the proxy refused or failed the connection ({error})</source>
            <translation>le proxy a refusé ou fait échouer la connexion ({error})</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the request failed ({error})</source>
            <translation>la requête a échoué ({error})</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the service answered too slowly: {size} received in {seconds} s, and the {deadline} s allowed for one request ran out</source>
            <translation>le service a répondu trop lentement : {size} reçus en {seconds} s, et les {deadline} s accordées à une requête sont écoulées</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the service closed the connection without answering ({problem}; {tries} tries in {seconds} s)</source>
            <translation>le service a fermé la connexion sans répondre ({problem} ; {tries} essais en {seconds} s)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>the service could not be reached ({problem}; {tries} tries in {seconds} s)</source>
            <translation>le service n'a pas pu être joint ({problem} ; {tries} essais en {seconds} s)</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>{count} bytes</source>
            <translation>{count} octets</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>{received} of the {announced} announced arrived</source>
            <translation>{received} reçus sur les {announced} annoncés</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>{service}: download {attempt} of {tries} cut short ({problem}); trying again in {wait} s.</source>
            <translation>{service} : téléchargement {attempt} sur {tries} interrompu ({problem}) ; nouvel essai dans {wait} s.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>{service}: try {attempt} of {tries} failed ({problem}); trying again in {wait} s.</source>
            <translation>{service} : l'essai {attempt} sur {tries} a échoué ({problem}) ; nouvel essai dans {wait} s.</translation>
        </message>
        <message>
            <location filename="../providers/http.py" />
            <source>{service}: {problem} (URL: {url}). {hint}</source>
            <translation>{service} : {problem} (URL : {url}). {hint}</translation>
        </message>
    </context>
    <context>
        <name>ImportFluxVision</name>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>A layer of the zones named in the export (communes, EPCI...): zone labels are matched to its codes, by code then by name.</source>
            <translation>Une couche des zones nommées dans l'export (communes, EPCI…) : les libellés de zones sont appariés à ses codes, par code puis par nom.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Category column (optional)</source>
            <translation>Colonne catégorie (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Choose the zone code field of '{layer}' (its fields are: {fields}).</source>
            <translation>Choisissez le champ code de zone de « {layer} » (ses champs sont : {fields}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Destination column (for other layouts)</source>
            <translation>Colonne destination (autres structures)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Flux Vision export (CSV, TXT or ZIP)</source>
            <translation>Export Flux Vision (CSV, TXT ou ZIP)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Flux Vision exports (*.csv *.txt *.zip *.CSV *.TXT *.ZIP);;All files (*.*)</source>
            <translation>Exports Flux Vision (*.csv *.txt *.zip *.CSV *.TXT *.ZIP);;Tous les fichiers (*.*)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Flux Vision flows {file}</source>
            <translation>Flux Flux Vision {file}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Flux Vision import report {file}</source>
            <translation>Rapport d'import Flux Vision {file}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Flux Vision presence or OD exports → OD table, zones matched to codes, suppressed values kept as missing.</source>
            <translation>Exports Flux Vision de présence ou OD → table OD, zones appariées à des codes, valeurs masquées gardées manquantes.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Import Orange Flux Vision export</source>
            <translation>Importer un export Orange Flux Vision</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Import report</source>
            <translation>Rapport d'import</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>OD table</source>
            <translation>Table OD</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Origin column (for other layouts)</source>
            <translation>Colonne origine (autres structures)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Period column (optional)</source>
            <translation>Colonne période (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Reading {file}…</source>
            <translation>Lecture de {file}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Volume column (for other layouts)</source>
            <translation>Colonne volume (autres structures)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Zone code field</source>
            <translation>Champ code de zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Zone name field</source>
            <translation>Champ nom de zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Zones of '{layer}': code {code}, name {name}.</source>
            <translation>Zones de « {layer} » : code {code}, nom {name}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>Zones to match (optional)</source>
            <translation>Zones à apparier (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_fluxvision.py" />
            <source>{count} zones or origins were not matched: their flows are left out and listed in the report.</source>
            <translation>{count} zones ou origines n'ont pas été appariées : leurs flux sont écartés et listés dans le rapport.</translation>
        </message>
    </context>
    <context>
        <name>ImportGtfs</name>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>Date (YYYY-MM-DD; empty: the busiest weekday of the feed)</source>
            <translation>Date (AAAA-MM-JJ ; vide : le jour de semaine le plus chargé du flux)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>Departures at or after this time are counted.</source>
            <translation>Les départs à partir de cette heure sont comptés.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>Departures before this time are counted; 25:30 is 1:30 the next morning.</source>
            <translation>Les départs avant cette heure sont comptés ; 25:30 est 1:30 le lendemain matin.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>End of the time window (HH:MM, may exceed 24:00)</source>
            <translation>Fin de la plage horaire (HH:MM, peut dépasser 24:00)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>GTFS feed (zip)</source>
            <translation>Flux GTFS (zip)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>GTFS routes</source>
            <translation>Lignes GTFS</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>GTFS routes — {label}</source>
            <translation>Lignes GTFS — {label}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>GTFS stops</source>
            <translation>Arrêts GTFS</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>GTFS stops — {label}</source>
            <translation>Arrêts GTFS — {label}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>GTFS zip (*.zip);;All files (*.*)</source>
            <translation>Zip GTFS (*.zip);;Tous les fichiers (*.*)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>Import a GTFS feed</source>
            <translation>Importer un flux GTFS</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>Start of the time window (HH:MM)</source>
            <translation>Début de la plage horaire (HH:MM)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>Stops and route lines of a GTFS zip, with the number of departures per stop and per route in a time window of a date.</source>
            <translation>Arrêts et tracés des lignes d'un zip GTFS, avec le nombre de départs par arrêt et par ligne dans une plage horaire d'une date.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>The service day: calendar.txt and calendar_dates.txt decide which trips run.</source>
            <translation>Le jour de service : calendar.txt et calendar_dates.txt décident des courses qui circulent.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>end</source>
            <translation>fin</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>start</source>
            <translation>début</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_gtfs.py" />
            <source>{stops} stops, {routes} routes; {departures} departures between {start} and {end} on {day}; busiest stop: {stop} ({count}).</source>
            <translation>{stops} arrêts, {routes} lignes ; {departures} départs entre {start} et {end} le {day} ; arrêt le plus desservi : {stop} ({count}).</translation>
        </message>
    </context>
    <context>
        <name>ImportMobpro</name>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>COG vintage of the file's codes (empty: census year + 2)</source>
            <translation>Millésime du COG des codes du fichier (vide : année du recensement + 2)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Census RPyyyy files use the COG of yyyy+2 (RP2014: 2016). Needed when neither the file name nor its columns give the census year.</source>
            <translation>Les fichiers du recensement RPaaaa utilisent le COG de aaaa+2 (RP2014 : 2016). Nécessaire quand ni le nom du fichier ni ses colonnes ne donnent l'année du recensement.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Commune codes moved from COG {source} to COG {target}.</source>
            <translation>Codes communes ramenés du COG {source} au COG {target}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Départements and/or communes separated by commas (e.g. 95, 78646): flows with at least one end in them are kept.</source>
            <translation>Départements et/ou communes séparés par des virgules (p. ex. 95, 78646) : les flux dont une extrémité au moins s'y trouve sont gardés.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>FD_MOBPRO_&lt;year&gt; detail file, base flux (NBFLUX_C&lt;yy&gt;_ACTOCC15P) or a by-mode table (ORI, DES, MODE, FLOW); the layout is read from the header.</source>
            <translation>Fichier détail FD_MOBPRO_&lt;année&gt;, base flux (NBFLUX_C&lt;aa&gt;_ACTOCC15P) ou table par mode (ORI, DES, MODE, FLOW) ; la structure est lue dans l'en-tête.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>INSEE MOBPRO detail file, base flux or by-mode table → OD table with codes moved to one COG vintage, weighted by IPONDI, with a report of every code moved or flow dropped.</source>
            <translation>Fichier détail, base flux ou table par mode MOBPRO de l'INSEE → table OD aux codes ramenés à un millésime du COG, pondérée par IPONDI, avec un rapport de chaque code déplacé ou flux écarté.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Import INSEE home-work flows (MOBPRO)</source>
            <translation>Importer les flux domicile-travail INSEE (MOBPRO)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Import report</source>
            <translation>Rapport d'import</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Keep flows within a commune</source>
            <translation>Garder les flux internes à une commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>MOBPRO file (CSV, TXT or ZIP)</source>
            <translation>Fichier MOBPRO (CSV, TXT ou ZIP)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>MOBPRO files (*.csv *.txt *.zip *.CSV *.TXT *.ZIP);;All files (*.*)</source>
            <translation>Fichiers MOBPRO (*.csv *.txt *.zip *.CSV *.TXT *.ZIP);;Tous les fichiers (*.*)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>MOBPRO flows {vintage}</source>
            <translation>Flux MOBPRO {vintage}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>MOBPRO import report {vintage}</source>
            <translation>Rapport d'import MOBPRO {vintage}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Modes to keep (empty: all)</source>
            <translation>Modes à garder (vide : tous)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>OD table</source>
            <translation>Table OD</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Reading {file}…</source>
            <translation>Lecture de {file}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>TRANS codes (1-6), the file's mode codes (VP, TC, NM, DOMICILE) or names (car, transit, bike, walk...), separated by commas.</source>
            <translation>Codes TRANS (1-6), codes de mode du fichier (VP, TC, NM, DOMICILE) ou noms (voiture, tc, vélo, marche…), séparés par des virgules.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_mobpro.py" />
            <source>Territory (empty: everything)</source>
            <translation>Territoire (vide : tout)</translation>
        </message>
    </context>
    <context>
        <name>ImportOdTable</name>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Any table with origin, destination and flow fields → OD table, with INSEE codes checked, restored and moved to one COG vintage, and a report of what changed.</source>
            <translation>Toute table avec des champs origine, destination et flux → table OD, codes INSEE vérifiés, rétablis et ramenés à un millésime du COG, avec un rapport de ce qui a changé.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>COG vintage of the codes (empty: do not move codes)</source>
            <translation>Millésime du COG des codes (vide : ne pas modifier les codes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Category field (optional)</source>
            <translation>Champ catégorie (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Destination field</source>
            <translation>Champ destination</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Empty: « licence not stated » is written in the layer's metadata and on maps.</source>
            <translation>Vide : « licence non indiquée » est écrit dans les métadonnées de la couche et sur les cartes.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Flow field</source>
            <translation>Champ flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>INSEE commune codes</source>
            <translation>codes communes INSEE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Import an OD table</source>
            <translation>Importer une table OD</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Import report</source>
            <translation>Rapport d'import</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Keep flows within a zone</source>
            <translation>Garder les flux internes à une zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Licence of the flows</source>
            <translation>Licence des flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Mode field (optional)</source>
            <translation>Champ mode (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>No COG vintage given for the codes: they are not moved (set it to move them to COG {target}).</source>
            <translation>Aucun millésime du COG indiqué pour les codes : ils ne sont pas modifiés (indiquez-le pour les ramener au COG {target}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>OD import report {name}</source>
            <translation>Rapport d'import OD {name}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>OD table</source>
            <translation>Table OD</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>OD table {name}</source>
            <translation>Table OD {name}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Origin field</source>
            <translation>Champ origine</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Period field (optional)</source>
            <translation>Champ période (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Producer of the flows (for the sources line of maps)</source>
            <translation>Producteur des flux (pour la ligne des sources des cartes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Reading {file}…</source>
            <translation>Lecture de {file}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Table of flows</source>
            <translation>Table des flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>Territory (empty: everything)</source>
            <translation>Territoire (vide : tout)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>The codes are</source>
            <translation>Les codes sont</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>The table '{layer}' has no field '{field}'. Its fields are: {fields}.</source>
            <translation>La table « {layer} » n'a pas de champ « {field} ». Ses champs sont : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>commune: INSEE commune codes (checked, leading zeros restored, moved between COG vintages); free: any identifiers, kept as they are. Command line: CODES=commune or free.</source>
            <translation>commune : codes communes INSEE (vérifiés, zéros initiaux rétablis, passés d'un millésime du COG à l'autre) ; free : identifiants quelconques, gardés tels quels. En ligne de commande : CODES=commune ou free.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>free identifiers (kept as they are)</source>
            <translation>identifiants libres (gardés tels quels)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/import_od_table.py" />
            <source>{layer}: {rows} rows read, flow {flow:.1f}.</source>
            <translation>{layer} : {rows} lignes lues, flux {flow:.1f}.</translation>
        </message>
    </context>
    <context>
        <name>LineNetwork</name>
        <message>
            <location filename="../processing/engine/network.py" />
            <source>Direction mapping '{item}': '{code}' is not one of both, forward, backward, closed.</source>
            <translation>Correspondance des sens '{item}' : '{code}' n'est pas l'une des valeurs both, forward, backward, closed.</translation>
        </message>
        <message>
            <location filename="../processing/engine/network.py" />
            <source>Direction mapping '{item}': write value=both, value=forward, value=backward or value=closed, separated by ';'.</source>
            <translation>Correspondance des sens '{item}' : écrivez valeur=both, valeur=forward, valeur=backward ou valeur=closed, séparées par ';'.</translation>
        </message>
        <message>
            <location filename="../processing/engine/network.py" />
            <source>The default speed must be a positive number of km/h.</source>
            <translation>La vitesse par défaut doit être un nombre positif de km/h.</translation>
        </message>
        <message>
            <location filename="../processing/engine/network.py" />
            <source>The network has vertices with invalid coordinates.</source>
            <translation>Le réseau a des sommets aux coordonnées invalides.</translation>
        </message>
        <message>
            <location filename="../processing/engine/network.py" />
            <source>The snapping tolerance must be a distance in metres, zero or more.</source>
            <translation>La tolérance d'accrochage doit être une distance en mètres, positive ou nulle.</translation>
        </message>
    </context>
    <context>
        <name>LoadDatagouvResource</name>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>'{name}' declares no coordinate reference system: set it in the layer properties.</source>
            <translation>« {name} » ne déclare aucun système de coordonnées : indiquez-le dans les propriétés de la couche.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>A data.gouv.fr resource (CSV with coordinates or INSEE codes, GeoJSON, zipped Shapefile, GeoPackage) as a layer, with the dataset's producer and licence.</source>
            <translation>Une ressource data.gouv.fr (CSV avec coordonnées ou codes INSEE, GeoJSON, Shapefile zippé, GeoPackage) en couche, avec le producteur et la licence du jeu de données.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>CSV: {rows} rows with neither coordinates (lon/lat, x/y) nor INSEE codes: written as a table without geometry.</source>
            <translation>CSV : {rows} lignes sans coordonnées (lon/lat, x/y) ni codes INSEE : écrites en table sans géométrie.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>CSV: {rows} rows without coordinates, written as a table. The INSEE code column '{column}' is kept as text: join it to the 'code' field of « Fetch administrative boundaries » to map it.</source>
            <translation>CSV : {rows} lignes sans coordonnées, écrites en table. La colonne de codes INSEE « {column} » reste du texte : joignez-la au champ « code » de « Récupérer les limites administratives » pour la cartographier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>CSV: {rows} rows, positions from {columns} ({crs}).</source>
            <translation>CSV : {rows} lignes, positions tirées de {columns} ({crs}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>Dataset identifier or slug</source>
            <translation>Identifiant ou slug du jeu de données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>Downloading « {title} » ({format}, {size}) from {url}…</source>
            <translation>Téléchargement de « {title} » ({format}, {size}) depuis {url}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>For a GeoPackage with several layers or a zip with several files: the name to load (default: the first).</source>
            <translation>Pour un GeoPackage à plusieurs couches ou un zip à plusieurs fichiers : le nom à charger (par défaut, le premier).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>GDAL could not read '{name}': the file may be damaged or in a variant it does not know.</source>
            <translation>GDAL n'a pas pu lire « {name} » : le fichier est peut-être abîmé ou dans une variante qu'il ne connaît pas.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>Layer or file inside the resource</source>
            <translation>Couche ou fichier dans la ressource</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>Load a data.gouv.fr resource</source>
            <translation>Charger une ressource data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>No file '{name}' in the resource: choose one of {names}.</source>
            <translation>Aucun fichier « {name} » dans la ressource : choisissez parmi {names}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>No layer '{name}' in the resource: choose one of {names}.</source>
            <translation>Aucune couche « {name} » dans la ressource : choisissez parmi {names}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>Optional; needed to know the producer and licence when the resource is given by an address.</source>
            <translation>Facultatif ; nécessaire pour connaître le producteur et la licence quand la ressource est donnée par une adresse.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>Producer: {producer}. Licence: {licence}.</source>
            <translation>Producteur : {producer}. Licence : {licence}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>Resource identifier or file address</source>
            <translation>Identifiant de la ressource ou adresse du fichier</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>Resource layer</source>
            <translation>Couche de la ressource</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>The column '{name}' is renamed '{renamed}' (the provenance fields use its name).</source>
            <translation>La colonne « {name} » est renommée « {renamed} » (les champs de provenance utilisent son nom).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>The resource holds no layer that can be read.</source>
            <translation>La ressource ne contient aucune couche lisible.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>The resource holds several files; '{first}' is loaded (others: {others}). Use the layer parameter to choose.</source>
            <translation>La ressource contient plusieurs fichiers ; « {first} » est chargé (autres : {others}). Utilisez le paramètre de couche pour choisir.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>The resource holds several layers; '{first}' is loaded (others: {others}). Use the layer parameter to choose.</source>
            <translation>La ressource contient plusieurs couches ; « {first} » est chargée (autres : {others}). Utilisez le paramètre de couche pour choisir.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>The resource id shown by « Search the data.gouv.fr catalogue » (e.g. 142fecf6-4873-4dac-9876-2019d925eaf8) or the address of the file.</source>
            <translation>L'identifiant de ressource donné par « Chercher dans le catalogue data.gouv.fr » (par ex. 142fecf6-4873-4dac-9876-2019d925eaf8) ou l'adresse du fichier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>{count} feature(s) of another geometry type ({types}) are kept without geometry.</source>
            <translation>{count} entité(s) d'un autre type de géométrie ({types}) sont gardées sans géométrie.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/load_datagouv_resource.py" />
            <source>{count} features read from '{name}'.</source>
            <translation>{count} entités lues dans « {name} ».</translation>
        </message>
    </context>
    <context>
        <name>MapLayout</name>
        <message>
            <location filename="../ui/layout.py" />
            <source>Cannot read the layout template {path}: {error}</source>
            <translation>Impossible de lire le modèle de mise en page {path} : {error}</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>Cannot write the PDF file {path}: check that the folder exists and is writable, and that the file is not open in another program.</source>
            <translation>Impossible d'écrire le fichier PDF {path} : vérifiez que le dossier existe et est accessible en écriture, et que le fichier n'est pas ouvert dans un autre programme.</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>Layout template not found: {path}. Give an existing .qpt file (in a layout: Layout › Save as Template…) or leave the template empty to use the shipped A4 template.</source>
            <translation>Modèle de mise en page introuvable : {path}. Donnez un fichier .qpt existant (dans une mise en page : Mise en page › Enregistrer comme modèle…) ou laissez le modèle vide pour utiliser le modèle A4 fourni.</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>Map extent</source>
            <translation>Emprise de la carte</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>Not enough memory to render the layout: lower the DPI.</source>
            <translation>Mémoire insuffisante pour produire la mise en page : baissez la résolution (DPI).</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>QGIS could not load the layout template {path}.</source>
            <translation>QGIS n'a pas pu charger le modèle de mise en page {path}.</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>The atlas could not be prepared: check the atlas layer and its name field.</source>
            <translation>L'atlas n'a pas pu être préparé : vérifiez la couche d'atlas et son champ de nom.</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>The layout could not be rendered into {path} (QGIS export result {code}).</source>
            <translation>La mise en page n'a pas pu être produite dans {path} (résultat d'export QGIS {code}).</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>The layout template {path} has no page.</source>
            <translation>Le modèle de mise en page {path} n'a aucune page.</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>under {high}</source>
            <translation>moins de {high}</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>{low} or more</source>
            <translation>{low} ou plus</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>{low} to {high}</source>
            <translation>{low} à {high}</translation>
        </message>
        <message>
            <location filename="../ui/layout.py" />
            <source>{path} is not a QGIS print layout template (.qpt): its root element must be &lt;Layout&gt;. Save one from a layout with Layout › Save as Template…</source>
            <translation>{path} n'est pas un modèle de mise en page QGIS (.qpt) : son élément racine doit être &lt;Layout&gt;. Enregistrez-en un depuis une mise en page avec Mise en page › Enregistrer comme modèle…</translation>
        </message>
    </context>
    <context>
        <name>Mobpro</name>
        <message>
            <location filename="../providers/mobpro.py" />
            <source>'{file}' has no transport mode (the base flux counts every mode together): leave the modes empty, or import the detail file.</source>
            <translation>« {file} » n'a pas de mode de transport (la base flux compte tous les modes ensemble) : laissez les modes vides, ou importez le fichier détail.</translation>
        </message>
        <message>
            <location filename="../providers/mobpro.py" />
            <source>'{file}' is not a MOBPRO file this tool knows. Its columns are: {columns}. Expected the detail file (COMMUNE, ARM, DCLT, TRANS, IPONDI...), the base flux (CODGEO, DCLT, NBFLUX_C&lt;yy&gt;_ACTOCC15P) or the by-mode table (ORI, DES, MODE, CSP, FLOW). For another layout use 'Import an OD table' and choose the columns.</source>
            <translation>« {file} » n'est pas un fichier MOBPRO que cet outil connaît. Ses colonnes sont : {columns}. Attendu : le fichier détail (COMMUNE, ARM, DCLT, TRANS, IPONDI…), la base flux (CODGEO, DCLT, NBFLUX_C&lt;aa&gt;_ACTOCC15P) ou la table par mode (ORI, DES, MODE, CSP, FLOW). Pour une autre structure, utilisez « Importer une table OD » et choisissez les colonnes.</translation>
        </message>
        <message>
            <location filename="../providers/mobpro.py" />
            <source>Cannot tell the census year of '{file}' (neither its name nor its columns say it): set the COG vintage of its codes (census RPyyyy uses COG yyyy+2, e.g. 2016 for RP2014), or keep the file's codes.</source>
            <translation>Impossible de connaître l'année de recensement de « {file} » (ni son nom ni ses colonnes ne la donnent) : indiquez le millésime du COG de ses codes (le recensement RPaaaa utilise le COG aaaa+2, p. ex. 2016 pour le RP2014), ou gardez les codes du fichier.</translation>
        </message>
        <message>
            <location filename="../providers/mobpro.py" />
            <source>The mode '{item}' is not in '{file}', whose modes are: {available}.</source>
            <translation>Le mode « {item} » n'est pas dans « {file} », dont les modes sont : {available}.</translation>
        </message>
        <message>
            <location filename="../providers/mobpro.py" />
            <source>Unknown mode '{item}'. The modes of '{file}' are: {available} (give codes or names, separated by commas).</source>
            <translation>Mode inconnu « {item} ». Les modes de « {file} » sont : {available} (donnez des codes ou des noms, séparés par des virgules).</translation>
        </message>
        <message>
            <location filename="../providers/mobpro.py" />
            <source>mode {code} ({label}) not selected</source>
            <translation>mode {code} ({label}) non retenu</translation>
        </message>
        <message>
            <location filename="../providers/mobpro.py" />
            <source>{file}, line {line}: the mode '{value}' in column {column} is not one of {codes}. Check that the file is a MOBPRO file of the census year it claims.</source>
            <translation>{file}, ligne {line} : le mode « {value} » de la colonne {column} n'est pas l'un de {codes}. Vérifiez que le fichier est bien un fichier MOBPRO du recensement annoncé.</translation>
        </message>
        <message>
            <location filename="../providers/mobpro.py" />
            <source>{file}: {layout} layout, census {year}, {rows} rows read, flow {flow:.1f}.</source>
            <translation>{file} : structure {layout}, recensement {year}, {rows} lignes lues, flux {flow:.1f}.</translation>
        </message>
    </context>
    <context>
        <name>Modes</name>
        <message>
            <location filename="../providers/modes.py" />
            <source>Modes to keep are given ({modes}) but no mode field is chosen: choose the mode field of the flows table, or leave the modes empty.</source>
            <translation>Des modes à garder sont donnés ({modes}) mais aucun champ de mode n'est choisi : choisissez le champ de mode de la table des flux, ou laissez les modes vides.</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>No flow{what} has the mode {modes}; the modes in the table are: {present}.</source>
            <translation>Aucun flux{what} n'a le mode {modes} ; les modes de la table sont : {present}.</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>bicycle</source>
            <translation>vélo</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>car, van or truck</source>
            <translation>voiture, camion ou fourgonnette</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>motorised two-wheeler</source>
            <translation>deux-roues motorisé</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>non-motorised (walking, bicycle)</source>
            <translation>non motorisé (marche, vélo)</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>not applicable</source>
            <translation>sans objet</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>public transport</source>
            <translation>transports en commun</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>two-wheeler (bicycle or motorised)</source>
            <translation>deux-roues (vélo ou motorisé)</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>walking</source>
            <translation>marche à pied</translation>
        </message>
        <message>
            <location filename="../providers/modes.py" />
            <source>works at home (no transport)</source>
            <translation>travail au domicile (pas de transport)</translation>
        </message>
    </context>
    <context>
        <name>NetworkInput</name>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>BD TOPO sens_de_circulation, OSM oneway, or any field mapped below.</source>
            <translation>sens_de_circulation de la BD TOPO, oneway d'OSM, ou tout champ décrit ci-dessous.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Closed segments (expression)</source>
            <translation>Tronçons fermés (expression)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Command line: COST=length, time or field.</source>
            <translation>En ligne de commande : COST=length, time ou field.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Cost field (cost 'field')</source>
            <translation>Champ de coût (coût « field »)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Could not cache the network graph: {error}</source>
            <translation>Impossible de mettre le graphe du réseau en cache : {error}</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Default speed (km/h)</source>
            <translation>Vitesse par défaut (km/h)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Direction field (empty: every segment both ways)</source>
            <translation>Champ de sens (vide : tous les tronçons à double sens)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Direction values (value=both|forward|backward|closed;...)</source>
            <translation>Valeurs de sens (valeur=both|forward|backward|closed;...)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Direction values not recognised, travelled both ways: {values}. Map them with the direction values parameter.</source>
            <translation>Valeurs de sens non reconnues, parcourues dans les deux sens : {values}. Décrivez-les avec le paramètre des valeurs de sens.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/network.py" />
            <source>Input fields replaced by the results: {fields}.</source>
            <translation>Champs d'entrée remplacés par les résultats : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Network (lines)</source>
            <translation>Réseau (lignes)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Network graph reused from the cache ({pieces} segments, {nodes} nodes).</source>
            <translation>Graphe du réseau repris du cache ({pieces} tronçons, {nodes} nœuds).</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Network: {lines} lines -&gt; {pieces} segments, {nodes} nodes ({snapped} snapped, {tees} ends joined to a line, {crossings} crossings split), lengths in {crs}; built in {seconds:.1f} s.</source>
            <translation>Réseau : {lines} lignes -&gt; {pieces} tronçons, {nodes} nœuds ({snapped} accrochés, {tees} extrémités raccordées à une ligne, {crossings} croisements coupés), longueurs en {crs} ; construit en {seconds:.1f} s.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Road type field for default speeds</source>
            <translation>Champ du type de route pour les vitesses par défaut</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Shortest by</source>
            <translation>Plus court selon</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Snapping tolerance (metres)</source>
            <translation>Tolérance d'accrochage (mètres)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Speed field, km/h (time cost)</source>
            <translation>Champ de vitesse, km/h (coût en temps)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Speeds: {field} segments from '{speed}', {road} from road type '{type}', {default} at {value} km/h.</source>
            <translation>Vitesses : {field} tronçons d'après « {speed} », {road} d'après le type de route « {type} », {default} à {value} km/h.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>Split lines where they cross</source>
            <translation>Couper les lignes à leurs croisements</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>The closed-segments expression is not valid: {error}</source>
            <translation>L'expression des tronçons fermés n'est pas valide : {error}</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>The cost is 'field' but no cost field is chosen: choose the numeric field holding each segment's cost.</source>
            <translation>Le coût est « field » mais aucun champ de coût n'est choisi : choisissez le champ numérique qui porte le coût de chaque tronçon.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>The network has {pieces} separate pieces; the main one holds {share:.1%} of its length. Zones attach to the main piece only: flows between zones near the other pieces are routed from farther away or not at all.</source>
            <translation>Le réseau compte {pieces} morceaux séparés ; le principal porte {share:.1%} de sa longueur. Les zones ne se raccordent qu'au morceau principal : les flux entre zones proches des autres morceaux partent de plus loin, ou ne sont pas affectés.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>The network layer has no coordinate reference system: set one, so that lengths can be measured in metres.</source>
            <translation>La couche réseau n'a pas de système de coordonnées : définissez-en un pour que les longueurs soient mesurées en mètres.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>The network layer has no field '{field}' ({label}). Its fields are: {fields}.</source>
            <translation>La couche réseau n'a pas de champ « {field} » ({label}). Ses champs sont : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>The network layer has no line to route on ({count} features, none with a line geometry).</source>
            <translation>La couche réseau n'a aucune ligne sur laquelle calculer ({count} entités, aucune avec une géométrie de ligne).</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>a cost field</source>
            <translation>un champ de coût</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>cost</source>
            <translation>coût</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>direction</source>
            <translation>sens</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>length</source>
            <translation>longueur</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>road type</source>
            <translation>type de route</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>speed</source>
            <translation>vitesse</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>travel time</source>
            <translation>temps de parcours</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>{count} network features have no geometry: they carry no flow.</source>
            <translation>{count} entités du réseau n'ont pas de géométrie : elles ne portent aucun flux.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>{count} segments are closed.</source>
            <translation>{count} tronçons sont fermés.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/network.py" />
            <source>{count} segments have no valid cost in '{field}' (empty, negative or not a number), e.g. feature ids {ids}. Fill them or close them with the closed-segments expression.</source>
            <translation>{count} tronçons n'ont pas de coût valide dans « {field} » (vide, négatif ou non numérique), par ex. les entités {ids}. Remplissez-les ou fermez-les avec l'expression des tronçons fermés.</translation>
        </message>
    </context>
    <context>
        <name>OdFlowLines</name>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Codes missing from the zones</source>
            <translation>Codes absents des zones</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Codes missing from the zones (flow lines): {flows}</source>
            <translation>Codes absents des zones (lignes de flux) : {flows}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Direction</source>
            <translation>Sens</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Flow lines</source>
            <translation>Lignes de flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Flow lines ({direction}): {flows}</source>
            <translation>Lignes de flux ({direction}) : {flows}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Flow lines between zones</source>
            <translation>Lignes de flux entre zones</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Flow within zones (no line): {flow} in {count} zones.</source>
            <translation>Flux internes aux zones (sans ligne) : {flow} dans {count} zones.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Flows within a zone (points)</source>
            <translation>Flux internes aux zones (points)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Flows within zones: {flows}</source>
            <translation>Flux internes aux zones : {flows}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Keep the largest N lines (0: all)</source>
            <translation>Garder les N plus grosses lignes (0 : toutes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Lines left out below the minimum flow {minimum}: {count} (total flow {flow}).</source>
            <translation>Lignes écartées sous le flux minimal {minimum} : {count} (flux total {flow}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Minimum flow of a line</source>
            <translation>Flux minimal d'une ligne</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>No flow line: check the thresholds and that flow codes match the zone codes.</source>
            <translation>Aucune ligne de flux : vérifiez les seuils et que les codes des flux correspondent aux codes des zones.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>No flow within a zone: no intra-zone points written.</source>
            <translation>Aucun flux interne à une zone : aucun point de flux interne écrit.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>OD flows as straight lines between zone centres: thresholds, top N, gross, net or two-way.</source>
            <translation>Flux OD en lignes droites entre les centres des zones : seuils, N plus gros flux, brut, net ou deux sens fusionnés.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>Smaller lines left out beyond the largest {top}: {count} (total flow {flow}).</source>
            <translation>Lignes plus petites écartées au-delà des {top} plus grosses : {count} (flux total {flow}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>The flows table '{layer}' has no row.</source>
            <translation>La table de flux « {layer} » n'a aucune ligne.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>gross (one line per direction)</source>
            <translation>brut (une ligne par sens)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>gross: one line per direction; net: one line carrying the difference; two_way: one line carrying the sum of both directions. Command line: DIRECTION=gross, net or two_way.</source>
            <translation>brut : une ligne par sens ; net : une ligne portant la différence ; deux sens : une ligne portant la somme des deux sens. En ligne de commande : DIRECTION=gross, net ou two_way.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>net (the difference of both directions)</source>
            <translation>net (la différence des deux sens)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>two-way (the sum of both directions)</source>
            <translation>deux sens (la somme des deux sens)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>{count} flow lines, total flow {flow} ({share:.1%} of the flow between distinct zones).</source>
            <translation>{count} lignes de flux, flux total {flow} ({share:.1%} du flux entre zones distinctes).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>{count} zone pairs have the same flow both ways: no net line.</source>
            <translation>{count} couples de zones ont le même flux dans les deux sens : pas de ligne nette.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_flow_lines.py" />
            <source>{rows} rows for {pairs} origin–destination pairs: the rows of a pair (modes, categories, periods) are summed.</source>
            <translation>{rows} lignes pour {pairs} couples origine–destination : les lignes d'un même couple (modes, catégories, périodes) sont additionnées.</translation>
        </message>
    </context>
    <context>
        <name>OdInput</name>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>'{file}', line {line}: the flow '{value}' in column '{field}' is not a number. Fix that line, or choose the column that holds the flow counts.</source>
            <translation>« {file} », ligne {line} : le flux « {value} » de la colonne « {field} » n'est pas un nombre. Corrigez cette ligne, ou choisissez la colonne qui contient les effectifs des flux.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>'{file}', line {line}: the flow {value} is negative. Flows are counts of people or trips: fix that line.</source>
            <translation>« {file} », ligne {line} : le flux {value} est négatif. Les flux comptent des personnes ou des déplacements : corrigez cette ligne.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>'{file}', line {line}: the {which} code is empty. Every flow needs an origin and a destination code: fill or remove that line.</source>
            <translation>« {file} », ligne {line} : le code {which} est vide. Chaque flux a besoin d'un code d'origine et d'un code de destination : complétez ou supprimez cette ligne.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Destination code field</source>
            <translation>Champ du code de destination</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Flow field</source>
            <translation>Champ du flux</translation>
        </message>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>Flow read {read:.3f} differs from flow written plus dropped by {gap:.3f}: please report this.</source>
            <translation>Le flux lu {read:.3f} diffère du flux écrit plus le flux écarté de {gap:.3f} : merci de le signaler.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Flows (OD table)</source>
            <translation>Flux (table OD)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Flows table '{layer}', row {row} (feature id {fid}): the flow '{value}' in field '{field}' is not a number. Fix that row, or choose the field that holds the flow counts.</source>
            <translation>Table de flux « {layer} », ligne {row} (entité {fid}) : le flux « {value} » du champ « {field} » n'est pas un nombre. Corrigez cette ligne, ou choisissez le champ qui contient les effectifs.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Flows table '{layer}', row {row} (feature id {fid}): the flow {value} is negative. Flows are counts of people or trips: fix that row.</source>
            <translation>Table de flux « {layer} », ligne {row} (entité {fid}) : le flux {value} est négatif. Les flux sont des nombres de personnes ou de déplacements : corrigez cette ligne.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Flows table '{layer}', row {row} (feature id {fid}): the {which} code is empty. Every flow needs an origin and a destination code: fill or remove that row.</source>
            <translation>Table de flux « {layer} », ligne {row} (entité {fid}) : le code {which} est vide. Chaque flux a besoin d'un code d'origine et d'un code de destination : complétez ou supprimez cette ligne.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Flows table '{layer}': origin = {o}, destination = {d}, flow = {f}.</source>
            <translation>Table de flux « {layer} » : origine = {o}, destination = {d}, flux = {f}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Flows table '{layer}': {count} rows have no flow value (empty, or suppressed by the producer for confidentiality): they are left out, not counted as zero.</source>
            <translation>Table de flux « {layer} » : {count} lignes n'ont pas de valeur de flux (vide, ou masquée par le producteur au titre du secret statistique) : elles sont écartées, pas comptées à zéro.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Mode field (optional)</source>
            <translation>Champ du mode (facultatif)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Modes to keep (comma-separated, e.g. car or non_motorised; empty: all)</source>
            <translation>Modes à garder (séparés par des virgules, par ex. car ou non_motorised ; vide : tous)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>Origin code field</source>
            <translation>Champ du code d'origine</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>The flows table '{layer}' has no field '{field}' and none of the usual names ({aliases}). Its fields are: {fields}. Set the field parameter to the column that holds it.</source>
            <translation>La table de flux « {layer} » n'a pas de champ « {field} » ni aucun des noms usuels ({aliases}). Ses champs sont : {fields}. Indiquez dans le paramètre de champ la colonne qui le contient.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>The flows table '{layer}' has no field '{field}'. Its fields are: {fields}.</source>
            <translation>La table de flux « {layer} » n'a pas de champ « {field} ». Ses champs sont : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>The flows table '{layer}' has no field '{field}'. Its fields are: {fields}. Choose the right field.</source>
            <translation>La table de flux « {layer} » n'a pas de champ « {field} ». Ses champs sont : {fields}. Choisissez le bon champ.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>The modes written by the importers: {keys}; the words for them (voiture, vélo, VP, TC, NM...) or the raw values of the mode field work too. non_motorised also keeps walk and bike.</source>
            <translation>Les modes écrits par les imports : {keys} ; les mots qui les désignent (voiture, vélo, VP, TC, NM...) ou les valeurs brutes du champ de mode conviennent aussi. non_motorised garde aussi walk et bike.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>destination</source>
            <translation>de destination</translation>
        </message>
        <message>
            <location filename="../processing/inputs/flows.py" />
            <source>origin</source>
            <translation>d'origine</translation>
        </message>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>{rows} OD lines written, flow {out:.1f}; {moved} codes moved or merged; flow dropped {dropped:.1f} (see the report).</source>
            <translation>{rows} lignes OD écrites, flux {out:.1f} ; {moved} codes déplacés ou fusionnés ; flux écarté {dropped:.1f} (voir le rapport).</translation>
        </message>
    </context>
    <context>
        <name>OdSkimMatrix</name>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>Destination code field</source>
            <translation>Champ code destination</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>OD skim matrix (network distance and time)</source>
            <translation>Matrice de distances OD (distance et temps sur le réseau)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>OD table (optional: else all pairs)</source>
            <translation>Table OD (facultative : sinon tous les couples)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>Origin code field</source>
            <translation>Champ code origine</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>Pairs without a network distance ({status}): {count}.</source>
            <translation>Couples sans distance sur le réseau ({status}) : {count}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>Shortest-path distance and time on a line network between zones: all pairs, or the pairs of an OD table.</source>
            <translation>Distance et temps du plus court chemin sur un réseau de lignes entre zones : tous les couples, ou ceux d'une table OD.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>Skim matrix</source>
            <translation>Matrice de distances</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>The OD table has no field '{field}'. Its fields are: {fields}.</source>
            <translation>La table OD n'a pas de champ « {field} ». Ses champs sont : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>{n} zones make {pairs} pairs: too many for one table. Give an OD table with the pairs you need.</source>
            <translation>{n} zones font {pairs} couples : trop pour une table. Donnez une table OD avec les couples voulus.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/od_skim_matrix.py" />
            <source>{pairs} zone pairs, {ok} between zones attached to the network.</source>
            <translation>{pairs} couples de zones, dont {ok} entre zones raccordées au réseau.</translation>
        </message>
    </context>
    <context>
        <name>OdTable</name>
        <message>
            <location filename="../providers/od.py" />
            <source> (lines {lines})</source>
            <translation> (lignes {lines})</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' could not be read as a table: {error}. Check that it is a delimited text file with one header line (separator '{sep}').</source>
            <translation>« {file} » n'a pas pu être lu comme une table : {error}. Vérifiez que c'est un fichier texte délimité avec une ligne d'en-tête (séparateur « {sep} »).</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' has a single column (first line: '{line}'): it is not a delimited table with ';', ',' or tab separators.</source>
            <translation>« {file} » n'a qu'une colonne (première ligne : « {line} ») : ce n'est pas une table délimitée par « ; », « , » ou des tabulations.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>'{file}' has no column '{name}' (chosen as the {role}). Its columns are: {columns}.</source>
            <translation>« {file} » n'a pas de colonne « {name} » (choisie comme {role}). Ses colonnes sont : {columns}.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>'{file}' holds no row: there is no flow to import.</source>
            <translation>« {file} » ne contient aucune ligne : il n'y a aucun flux à importer.</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' is empty.</source>
            <translation>« {file} » est vide.</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' is not UTF-8 after all: reading it again as Windows-1252.</source>
            <translation>« {file} » n'est finalement pas en UTF-8 : nouvelle lecture en Windows-1252.</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' is not a text table (it holds binary data). Export it as CSV (UTF-8, ';' separator) and try again.</source>
            <translation>« {file} » n'est pas une table texte (il contient des données binaires). Exportez-le en CSV (UTF-8, séparateur « ; ») et recommencez.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>'{file}' is not an OD table: it lacks the columns {columns}.</source>
            <translation>« {file} » n'est pas une table OD : il lui manque les colonnes {columns}.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>, lines {lines}</source>
            <translation>, lignes {lines}</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>The ZIP file '{file}' holds no CSV or TXT table: give the ZIP downloaded from the producer, or the table extracted from it.</source>
            <translation>Le fichier ZIP « {file} » ne contient aucune table CSV ou TXT : donnez le ZIP téléchargé chez le producteur, ou la table qui en est extraite.</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>The file '{file}' does not exist: check the path.</source>
            <translation>Le fichier « {file} » n'existe pas : vérifiez le chemin.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>Unknown arrondissement option '{value}': use keep or aggregate.</source>
            <translation>Option d'arrondissements inconnue « {value} » : utilisez keep ou aggregate.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>arrondissement of {city} counted in the commune</source>
            <translation>arrondissement de {city} compté dans la commune</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>code changed to {code} in COG {years}</source>
            <translation>code changé en {code} au COG {years}</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>code written without its leading zero or in lower case: read as {code}</source>
            <translation>code écrit sans son zéro initial ou en minuscules : lu comme {code}</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>destination</source>
            <translation>destination</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>flow</source>
            <translation>flux</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>flow within the commune (origin = destination), not kept</source>
            <translation>flux interne à la commune (origine = destination), non gardé</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>known values summed with a suppressed one: the total is missing</source>
            <translation>valeurs connues additionnées à une valeur masquée : le total est manquant</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>merged into {code} in COG {years}</source>
            <translation>fusionnée dans {code} au COG {years}</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>no destination code (empty or a placeholder such as ZZZZZ)</source>
            <translation>pas de code de destination (vide ou valeur de remplissage comme ZZZZZ)</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>no end of these flows is in the territory {territory}</source>
            <translation>aucune extrémité de ces flux n'est dans le territoire {territory}</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>no origin and no destination code</source>
            <translation>ni code d'origine ni code de destination</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>no origin code (empty or a placeholder such as ZZZZZ)</source>
            <translation>pas de code d'origine (vide ou valeur de remplissage comme ZZZZZ)</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>not a commune code in any COG vintage from 1968 to 2026 (a typing error?): its flows are not kept</source>
            <translation>pas un code de commune dans aucun millésime du COG de 1968 à 2026 (une faute de frappe ?) : ses flux ne sont pas gardés</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>origin</source>
            <translation>origine</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>split in COG {years}: flow divided by the population shares {shares}</source>
            <translation>scindée au COG {years} : flux réparti selon les parts de population {shares}</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{count} code(s) that are not commune codes in any COG vintage ({examples}): {rows} flow line(s) carrying {flow:.1f} were left out and listed in the report as unmatched. Check those codes in the file.</source>
            <translation>{count} code(s) qui ne sont des codes de commune dans aucun millésime du COG ({examples}) : {rows} ligne(s) de flux portant {flow:.1f} ont été écartées et listées dans le rapport comme non appariées. Vérifiez ces codes dans le fichier.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{count} flows with no value (kept as missing, not zero)</source>
            <translation>{count} flux sans valeur (gardés manquants, pas à zéro)</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{count} more keys read on several rows, summed</source>
            <translation>{count} autres clés lues sur plusieurs lignes, additionnées</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{file}, line {line}: '{value}' in column {column} is not an INSEE commune code (5 characters: digits, or 2A/2B followed by 3 digits, e.g. 95127, 2A004). Fix or remove that row; if the table holds other zones than communes, choose free identifiers instead of commune codes.</source>
            <translation>{file}, ligne {line} : « {value} » dans la colonne {column} n'est pas un code commune INSEE (5 caractères : des chiffres, ou 2A/2B suivi de 3 chiffres, p. ex. 95127, 2A004). Corrigez ou supprimez cette ligne ; si la table contient d'autres zones que des communes, choisissez des identifiants libres au lieu de codes communes.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{file}, line {line}: the last line stops after {fields} of its {columns} values and the file does not end with a line break: the file seems cut short. Copy or download it again.</source>
            <translation>{file}, ligne {line} : la dernière ligne s'arrête après {fields} de ses {columns} valeurs et le fichier ne se termine pas par un saut de ligne : le fichier semble tronqué. Copiez-le ou téléchargez-le de nouveau.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{file}, line {line}: the row has {fields} value(s) where the header has {columns} columns separated by '{sep}'. Check that every row uses the same separator as the header (and that quotes are closed), then run again.</source>
            <translation>{file}, ligne {line} : la ligne a {fields} valeur(s) alors que l'en-tête a {columns} colonnes séparées par « {sep} ». Vérifiez que chaque ligne utilise le même séparateur que l'en-tête (et que les guillemets sont fermés), puis relancez.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{file}, line {line}: the {column} value '{value}' is not a finite number. Write the flow as a number (or leave it empty if it is unknown) and run again.</source>
            <translation>{file}, ligne {line} : la valeur « {value} » de {column} n'est pas un nombre fini. Écrivez le flux en nombre (ou laissez-le vide s'il est inconnu) et relancez.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{file}, line {line}: the {column} value '{value}' is not a number. Fix that row, or choose the column that holds the flows.</source>
            <translation>{file}, ligne {line} : la valeur {column} « {value} » n'est pas un nombre. Corrigez cette ligne, ou choisissez la colonne qui contient les flux.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{file}, line {line}: the {column} value is empty. Every row needs a number there: fill or remove that row.</source>
            <translation>{file}, ligne {line} : la valeur {column} est vide. Chaque ligne doit y avoir un nombre : complétez ou supprimez cette ligne.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{file}, line {line}: the {column} value {value} is negative; flows are counts of people or trips. Fix that row.</source>
            <translation>{file}, ligne {line} : la valeur {column} {value} est négative ; les flux sont des nombres de personnes ou de déplacements. Corrigez cette ligne.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{keys} OD key(s) appear on several rows ({rows} rows in all; e.g. {origin} → {destination} on {count} rows{where}): their flows were summed, and the report lists them as '{kind}'. If the file should hold one row per pair, check it for repeated rows.</source>
            <translation>{keys} clé(s) OD apparaissent sur plusieurs lignes ({rows} lignes en tout ; par ex. {origin} → {destination} sur {count} lignes{where}) : leurs flux ont été additionnés, et le rapport les liste comme « {kind} ». Si le fichier doit avoir une ligne par couple, cherchez-y des lignes répétées.</translation>
        </message>
        <message>
            <location filename="../providers/od.py" />
            <source>{rows} rows with the same origin, destination, mode, category and period: their flows were summed</source>
            <translation>{rows} lignes de mêmes origine, destination, mode, catégorie et période : leurs flux ont été additionnés</translation>
        </message>
    </context>
    <context>
        <name>Outputs</name>
        <message>
            <location filename="../processing/outputs/sinks.py" />
            <source>Could not store the metadata in the GeoPackage: {error}</source>
            <translation>Impossible d'enregistrer les métadonnées dans le GeoPackage : {error}</translation>
        </message>
        <message>
            <location filename="../processing/outputs/sinks.py" />
            <source>Could not store the style in the GeoPackage: {error}</source>
            <translation>Impossible d'enregistrer le style dans le GeoPackage : {error}</translation>
        </message>
        <message>
            <location filename="../processing/outputs/sinks.py" />
            <source>The output '{name}' has {fields} fields but a feature has {values} values: please report this.</source>
            <translation>La sortie « {name} » a {fields} champs mais une entité a {values} valeurs : merci de le signaler.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/sinks.py" />
            <source>The output '{name}' holds {held} features but {count} were written: the data provider lost some (see the log above). Nothing was kept; choose another format or file and run again.</source>
            <translation>La sortie « {name} » contient {held} entités alors que {count} ont été écrites : le fournisseur de données en a perdu (voir le journal ci-dessus). Rien n'a été gardé ; choisissez un autre format ou fichier et relancez.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/sinks.py" />
            <source>Writing the output '{name}' failed after {count} features: {error}</source>
            <translation>L'écriture de la sortie « {name} » a échoué après {count} entités : {error}</translation>
        </message>
        <message>
            <location filename="../processing/outputs/sinks.py" />
            <source>the data provider refused the features</source>
            <translation>le fournisseur de données a refusé les entités</translation>
        </message>
    </context>
    <context>
        <name>Pairs</name>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source> (zone without geometry)</source>
            <translation> (zone sans géométrie)</translation>
        </message>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>Not assigned ({reason}): {count} pairs, flow {flow:.1f}.</source>
            <translation>Non affecté ({reason}) : {count} couples, flux {flow:.1f}.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>Routing core for these zones reused from the cache (no contraction).</source>
            <translation>Graphe de calcul de ces zones repris du cache (sans contraction).</translation>
        </message>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>Routing core: {nodes} nodes, {arcs} arcs; on the Dask cluster ({workers} workers), {seconds:.2f} s.</source>
            <translation>Cœur de routage : {nodes} nœuds, {arcs} arcs ; sur la grappe Dask ({workers} workers), {seconds:.2f} s.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/tables.py" />
            <source>Routing core: {nodes} nodes, {arcs} arcs; {workers} process(es) on this computer, {seconds:.2f} s.</source>
            <translation>Cœur de routage : {nodes} nœuds, {arcs} arcs ; {workers} processus sur cet ordinateur, {seconds:.2f} s.</translation>
        </message>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source>both zones attach to the same network node</source>
            <translation>les deux zones se raccordent au même nœud du réseau</translation>
        </message>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source>no path on the network from the origin's node to the destination's node</source>
            <translation>aucun chemin sur le réseau du nœud de l'origine au nœud de la destination</translation>
        </message>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source>no zone '{code}'{extra}</source>
            <translation>pas de zone « {code} »{extra}</translation>
        </message>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source>origin and destination are the same zone</source>
            <translation>l'origine et la destination sont la même zone</translation>
        </message>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source>zone {km:.1f} km from the network (maximum {max:.1f} km)</source>
            <translation>zone à {km:.1f} km du réseau (maximum {max:.1f} km)</translation>
        </message>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source>{count} arrondissement codes were joined to their commune.</source>
            <translation>{count} codes d'arrondissement ont été rattachés à leur commune.</translation>
        </message>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source>{count} flow codes matched a zone once leading zeros were restored or removed.</source>
            <translation>{count} codes de flux ont trouvé leur zone une fois les zéros initiaux rétablis ou retirés.</translation>
        </message>
        <message>
            <location filename="../processing/engine/pairs.py" />
            <source>{km:.1f} km on the network, more than the longest trip kept ({max:.1f} km)</source>
            <translation>{km:.1f} km sur le réseau, plus que le trajet le plus long retenu ({max:.1f} km)</translation>
        </message>
    </context>
    <context>
        <name>Parameters</name>
        <message>
            <location filename="../processing/parameters.py" />
            <source>Command line: keep or aggregate.</source>
            <translation>En ligne de commande : keep ou aggregate.</translation>
        </message>
        <message>
            <location filename="../processing/parameters.py" />
            <source>Move commune codes to COG vintage</source>
            <translation>Ramener les codes communes au millésime du COG</translation>
        </message>
        <message>
            <location filename="../processing/parameters.py" />
            <source>Paris, Lyon and Marseille arrondissements</source>
            <translation>Arrondissements de Paris, Lyon et Marseille</translation>
        </message>
        <message>
            <location filename="../processing/parameters.py" />
            <source>The commune geography of your boundaries; 'keep' leaves the file's codes unchanged. Command line: a year ({years}) or keep.</source>
            <translation>La géographie communale de vos limites ; « garder » laisse les codes du fichier inchangés. En ligne de commande : une année ({years}) ou keep.</translation>
        </message>
        <message>
            <location filename="../processing/parameters.py" />
            <source>aggregate them into their commune (75056, 69123, 13055)</source>
            <translation>les regrouper dans leur commune (75056, 69123, 13055)</translation>
        </message>
        <message>
            <location filename="../processing/parameters.py" />
            <source>keep the arrondissements (75101...)</source>
            <translation>garder les arrondissements (75101...)</translation>
        </message>
        <message>
            <location filename="../processing/parameters.py" />
            <source>keep the codes as they are</source>
            <translation>garder les codes tels quels</translation>
        </message>
    </context>
    <context>
        <name>Postgis</name>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>Cannot connect to the PostgreSQL database '{database}' on {host}: {error} Check the connection (host, port, user, password) in Browser › PostgreSQL.</source>
            <translation>Connexion impossible à la base PostgreSQL « {database} » sur {host} : {error} Vérifiez la connexion (hôte, port, utilisateur, mot de passe) dans l'Explorateur › PostgreSQL.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>Could not store the style in the database: {error}</source>
            <translation>Impossible d'enregistrer le style dans la base : {error}</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>The PostGIS destination names no table: {destination}</source>
            <translation>La destination PostGIS ne nomme aucune table : {destination}</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>The database '{database}' has no PostGIS extension: ask its administrator to run « CREATE EXTENSION postgis; » in it, or choose a database that has it.</source>
            <translation>La base « {database} » n'a pas l'extension PostGIS : demandez à son administrateur d'y exécuter « CREATE EXTENSION postgis; », ou choisissez une base qui l'a.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>The database '{database}' has no schema '{schema}': choose an existing schema, or ask its administrator to create it.</source>
            <translation>La base « {database} » n'a pas de schéma « {schema} » : choisissez un schéma existant, ou demandez à son administrateur de le créer.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>The database refused a request: {error}</source>
            <translation>La base a refusé une requête : {error}</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>The table {table} already exists in the database '{database}' and was not written by Territorial Data: it is left as it is. Choose another table name, or delete that table first if it is no longer needed.</source>
            <translation>La table {table} existe déjà dans la base « {database} » et n'a pas été écrite par Données territoriales : elle est laissée telle quelle. Choisissez un autre nom de table, ou supprimez d'abord cette table si elle n'est plus utile.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>The table {table} could not be replaced: {error}</source>
            <translation>La table {table} n'a pas pu être remplacée : {error}</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>The table {table} was created by someone else during the run: it is left as it is.</source>
            <translation>La table {table} a été créée par quelqu'un d'autre pendant le traitement : elle est laissée telle quelle.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/postgis.py" />
            <source>The user '{user}' may not create tables in the schema '{schema}' of the database '{database}': ask its administrator for the CREATE right on it (GRANT CREATE ON SCHEMA {schema} TO {user};), or write to another schema.</source>
            <translation>L'utilisateur « {user} » ne peut pas créer de tables dans le schéma « {schema} » de la base « {database} » : demandez à son administrateur le droit CREATE sur ce schéma (GRANT CREATE ON SCHEMA {schema} TO {user};), ou écrivez dans un autre schéma.</translation>
        </message>
    </context>
    <context>
        <name>Potential</name>
        <message>
            <location filename="../processing/engine/potential.py" />
            <source>Route distances must be zero or more kilometres.</source>
            <translation>Les distances des itinéraires doivent être de zéro kilomètre ou plus.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The elevation model '{layer}' cannot be read: check the file.</source>
            <translation>Le modèle numérique de terrain « {layer} » ne peut pas être lu : vérifiez le fichier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The elevation model '{layer}' could not be read (band 1, type {kind}).</source>
            <translation>Le modèle numérique de terrain « {layer} » n'a pas pu être lu (bande 1, type {kind}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The elevation model '{layer}' does not cover the network: choose a DEM of the network's area (or none).</source>
            <translation>Le modèle numérique de terrain « {layer} » ne couvre pas le réseau : choisissez un MNT de la zone du réseau (ou aucun).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The elevation model is read {factor:.1f} times coarser than its cells (a large area).</source>
            <translation>Le modèle numérique de terrain est lu {factor:.1f} fois plus grossièrement que ses cellules (une grande zone).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/cycling_potential.py" />
            <source>The network cannot be placed on the elevation model's CRS ({crs}): {error}</source>
            <translation>Le réseau ne peut pas être placé dans le SCR du modèle numérique de terrain ({crs}) : {error}</translation>
        </message>
        <message>
            <location filename="../processing/engine/potential.py" />
            <source>The sampling step along the network must be more than 0 m.</source>
            <translation>Le pas d'échantillonnage le long du réseau doit dépasser 0 m.</translation>
        </message>
        <message>
            <location filename="../processing/engine/potential.py" />
            <source>Unknown scenario '{scenario}': use one of {ids}.</source>
            <translation>Scénario « {scenario} » inconnu : utilisez l'un de {ids}.</translation>
        </message>
    </context>
    <context>
        <name>Provenance</name>
        <message>
            <location filename="../processing/outputs/provenance.py" />
            <source>Licence: {licence}.</source>
            <translation>Licence : {licence}.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/provenance.py" />
            <source>Retrieved: {date}.</source>
            <translation>Récupéré le : {date}.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/provenance.py" />
            <source>Source: {source}.</source>
            <translation>Source : {source}.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/provenance.py" />
            <source>Vintage: {vintage}.</source>
            <translation>Millésime : {vintage}.</translation>
        </message>
        <message>
            <location filename="../processing/outputs/provenance.py" />
            <source>licence not stated</source>
            <translation>licence non indiquée</translation>
        </message>
    </context>
    <context>
        <name>ReverseGeocode</name>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>Looking up the nearest address of {count} points…</source>
            <translation>Recherche de l'adresse la plus proche de {count} points…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>Nearest addresses</source>
            <translation>Adresses les plus proches</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>Points</source>
            <translation>Points</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>Points with their nearest address</source>
            <translation>Points avec leur adresse la plus proche</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>Reverse geocode points</source>
            <translation>Géocodage inverse de points</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>The input field '{old}' is kept as '{new}': its name is taken by a result field.</source>
            <translation>Le champ d'entrée « {old} » est gardé sous le nom « {new} » : son nom est pris par un champ de résultat.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>The input has no points: there is nothing to reverse geocode.</source>
            <translation>L'entrée n'a aucun point : il n'y a rien à géocoder.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>The nearest address of each point, from the Base Adresse Nationale (IGN Géoplateforme).</source>
            <translation>L'adresse la plus proche de chaque point, d'après la Base Adresse Nationale (Géoplateforme de l'IGN).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/reverse_geocode.py" />
            <source>{ok} points with an address, {missing} without an address nearby, {skipped} skipped, {error} in error ({requests} requests to the service).</source>
            <translation>{ok} points avec une adresse, {missing} sans adresse à proximité, {skipped} ignorés, {error} en erreur ({requests} requêtes au service).</translation>
        </message>
    </context>
    <context>
        <name>RoutingGraph</name>
        <message>
            <location filename="../processing/engine/graph.py" />
            <source>Graph edges refer to nodes outside 0..{last}.</source>
            <translation>Des tronçons du graphe renvoient à des nœuds hors de 0..{last}.</translation>
        </message>
        <message>
            <location filename="../processing/engine/graph.py" />
            <source>Graph edges: '{name}' has {count} values for {edges} edges.</source>
            <translation>Tronçons du graphe : '{name}' a {count} valeurs pour {edges} tronçons.</translation>
        </message>
        <message>
            <location filename="../processing/engine/graph.py" />
            <source>Graph edges: attribute '{name}' does not match the edges.</source>
            <translation>Tronçons du graphe : l'attribut '{name}' ne correspond pas aux tronçons.</translation>
        </message>
        <message>
            <location filename="../processing/engine/graph.py" />
            <source>Graph edges: costs must be numbers, zero or more (infinite closes an edge).</source>
            <translation>Tronçons du graphe : les coûts doivent être des nombres positifs ou nuls (infini ferme un tronçon).</translation>
        </message>
        <message>
            <location filename="../processing/engine/graph.py" />
            <source>Graph edges: every length must be a finite number of metres, zero or more.</source>
            <translation>Tronçons du graphe : chaque longueur doit être un nombre fini de mètres, positif ou nul.</translation>
        </message>
        <message>
            <location filename="../processing/engine/graph.py" />
            <source>Graph edges: one-way values must be 0 (both ways), 1 (u to v) or -1 (v to u).</source>
            <translation>Tronçons du graphe : les sens uniques valent 0 (deux sens), 1 (de u vers v) ou -1 (de v vers u).</translation>
        </message>
        <message>
            <location filename="../processing/engine/graph.py" />
            <source>Graph edges: the cost array does not match the edges.</source>
            <translation>Tronçons du graphe : le tableau des coûts ne correspond pas aux tronçons.</translation>
        </message>
    </context>
    <context>
        <name>RoutingWorkers</name>
        <message>
            <location filename="../processing/engine/parallel.py" />
            <source>No Python interpreter found for worker processes (set {env}); routing in one process.</source>
            <translation>Aucun interpréteur Python trouvé pour les processus de calcul (renseignez {env}) ; calcul dans un seul processus.</translation>
        </message>
        <message>
            <location filename="../processing/engine/parallel.py" />
            <source>Worker processes could not start ({error}); routing in one process.</source>
            <translation>Les processus de calcul n'ont pas pu démarrer ({error}) ; calcul dans un seul processus.</translation>
        </message>
    </context>
    <context>
        <name>SearchDatagouv</name>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Commune (34172), département (34), EPCI SIREN (243400017) or region:76.</source>
            <translation>Commune (34172), département (34), SIREN d'EPCI (243400017) ou region:76.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Datasets and resources of data.gouv.fr matching words, an organisation or a territory, with format, size, URL, licence and last update.</source>
            <translation>Jeux de données et ressources de data.gouv.fr correspondant à des mots, une organisation ou un territoire, avec format, taille, adresse, licence et dernière mise à jour.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Every word must match (title, description, tags), e.g. aménagements cyclables.</source>
            <translation>Chaque mot doit correspondre (titre, description, mots-clés), par ex. aménagements cyclables.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>For example csv, geojson, shp, gpkg.</source>
            <translation>Par exemple csv, geojson, shp, gpkg.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Maximum number of datasets</source>
            <translation>Nombre maximal de jeux de données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Only datasets with a resource in this format</source>
            <translation>Seulement les jeux ayant une ressource dans ce format</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Only the datasets of this producer, e.g. montpellier-mediterranee-metropole.</source>
            <translation>Seulement les jeux de ce producteur, par ex. montpellier-mediterranee-metropole.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Organisation (identifier, slug or name)</source>
            <translation>Organisation (identifiant, slug ou nom)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Search the data.gouv.fr catalogue</source>
            <translation>Chercher dans le catalogue data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Searching data.gouv.fr for '{query}'…</source>
            <translation>Recherche de « {query} » sur data.gouv.fr…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Territory code</source>
            <translation>Code du territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>Words to search for</source>
            <translation>Mots à chercher</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>data.gouv.fr resources</source>
            <translation>Ressources data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>data.gouv.fr search: {query}</source>
            <translation>Recherche data.gouv.fr : {query}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/search_datagouv.py" />
            <source>{datasets} datasets, {resources} resources (of {total} matching datasets).</source>
            <translation>{datasets} jeux de données, {resources} ressources (sur {total} jeux trouvés).</translation>
        </message>
    </context>
    <context>
        <name>Sirene</name>
        <message>
            <location filename="../providers/sirene.py" />
            <source> with activity {activity}</source>
            <translation> avec l'activité {activity}</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>'{item}' is neither a NAF code (such as 62.01Z or 4711F) nor a NAF section letter (A to U).</source>
            <translation>« {item} » n'est ni un code NAF (comme 62.01Z ou 4711F) ni une lettre de section NAF (de A à U).</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>Cannot tell what territory '{code}' is: give a commune INSEE code (5 characters, e.g. 35238, 2A004), an EPCI SIREN (9 digits, e.g. 243500139) or a département (e.g. 35, 2A, 974).</source>
            <translation>Impossible de savoir quel territoire est « {code} » : indiquez un code INSEE de commune (5 caractères, par ex. 35238, 2A004), un SIREN d'EPCI (9 chiffres, par ex. 243500139) ou un département (par ex. 35, 2A, 974).</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>EPCI</source>
            <translation>EPCI</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>Give NAF codes or NAF sections, not both: the service combines them with AND.</source>
            <translation>Indiquez des codes NAF ou des sections NAF, pas les deux : le service les combine par un ET.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>Incomplete: the service answers at most {cap} companies per query, and {count} piece(s) of the territory still reached that cap after splitting by activity ({pieces}); establishments of those pieces are missing.</source>
            <translation>Incomplet : le service répond au plus {cap} entreprises par requête, et {count} morceau(x) du territoire atteignent encore ce plafond après découpage par activité ({pieces}) ; des établissements de ces morceaux manquent.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>Incomplete: the service failed on {count} piece(s) ({pieces}); their establishments are missing. Run again later to complete the layer.</source>
            <translation>Incomplet : le service a échoué sur {count} morceau(x) ({pieces}) ; leurs établissements manquent. Relancez plus tard pour compléter la couche.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>No commune found for the {what} {code}: check the code.</source>
            <translation>Aucune commune trouvée pour le {what} {code} : vérifiez le code.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>No establishment found in {territory}{what}: check the territory code and the activity filter.</source>
            <translation>Aucun établissement trouvé dans {territory}{what} : vérifiez le code du territoire et le filtre d'activité.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>Possibly incomplete: {count} company(ies) list {limit} establishments in a piece, the most the service gives; some of their establishments may be missing (e.g. {examples}).</source>
            <translation>Peut-être incomplet : {count} entreprise(s) listent {limit} établissements dans un morceau, le maximum que donne le service ; certains de leurs établissements peuvent manquer (par ex. {examples}).</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>The INSEE API key is empty: check the authentication configuration.</source>
            <translation>La clé d'API de l'INSEE est vide : vérifiez la configuration d'authentification.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>Unknown commune code {code}: check the INSEE code (not the postcode) of the commune.</source>
            <translation>Code commune {code} inconnu : vérifiez le code INSEE (pas le code postal) de la commune.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>département</source>
            <translation>département</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>{count} communes (or arrondissements) to query one by one: at least {count} requests, about {seconds} s at the service's 7 requests per second.</source>
            <translation>{count} communes (ou arrondissements) à interroger une à une : au moins {count} requêtes, environ {seconds} s au rythme de 7 requêtes par seconde du service.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>{piece}: skipped after an error: {error}</source>
            <translation>{piece} : ignoré après une erreur : {error}</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>{piece}: the service caps a query at 10 000 companies and this piece cannot be split further; some establishments are missing.</source>
            <translation>{piece} : le service plafonne une requête à 10 000 entreprises et cette interrogation ne peut plus être découpée ; des établissements manquent.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>{service} sent an answer that is not a list: check the service address in the plugin options.</source>
            <translation>{service} a envoyé une réponse qui n'est pas une liste : vérifiez l'adresse du service dans les options de l'extension.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>{service} sent an answer without establishments: the service may be failing, or its address in the plugin options may be wrong.</source>
            <translation>{service} a envoyé une réponse sans établissements : le service est peut-être en panne, ou son adresse dans les options de l'extension est peut-être fausse.</translation>
        </message>
        <message>
            <location filename="../providers/sirene.py" />
            <source>{service} sent an answer without results: the service may be failing, or its address in the plugin options may be wrong.</source>
            <translation>{service} a envoyé une réponse sans résultats : le service est peut-être en panne, ou son adresse dans les options de l'extension est peut-être fausse.</translation>
        </message>
    </context>
    <context>
        <name>Skim</name>
        <message>
            <location filename="../processing/engine/skim.py" />
            <source>The graph has no attribute '{name}' to sum (it has: {names}).</source>
            <translation>Le graphe n'a pas d'attribut '{name}' à cumuler (il a : {names}).</translation>
        </message>
    </context>
    <context>
        <name>Styles</name>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>1 — national links</source>
            <translation>1 — liaisons nationales</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>10 to 15 %</source>
            <translation>de 10 à 15 %</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>15 to 25 %</source>
            <translation>de 15 à 25 %</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>2 — regional links</source>
            <translation>2 — liaisons régionales</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>25 % or more</source>
            <translation>25 % ou plus</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>3 — département links</source>
            <translation>3 — liaisons départementales</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>4 — local links</source>
            <translation>4 — liaisons locales</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>5 to 10 %</source>
            <translation>de 5 à 10 %</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>5 — local roads</source>
            <translation>5 — desserte locale</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>6 — paths and tracks</source>
            <translation>6 — chemins et sentiers</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Accommodation and food (I)</source>
            <translation>Hébergement et restauration (I)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Business services (M, N)</source>
            <translation>Services aux entreprises (M, N)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Commerce (G)</source>
            <translation>Commerce (G)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Construction (F)</source>
            <translation>Construction (F)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Contraflow cycling</source>
            <translation>Double sens cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Cycle lane</source>
            <translation>Bande cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Cycle track</source>
            <translation>Piste cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Destination</source>
            <translation>Destination</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Detail</source>
            <translation>Détail</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Direct</source>
            <translation>Direct</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Dropped</source>
            <translation>Écarté</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Education (P)</source>
            <translation>Enseignement (P)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Error</source>
            <translation>Erreur</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Flow</source>
            <translation>Flux</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Flow carried</source>
            <translation>Flux concerné</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Found</source>
            <translation>Trouvée</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Greenway</source>
            <translation>Voie verte</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Health and social work (Q)</source>
            <translation>Santé humaine et action sociale (Q)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Kind</source>
            <translation>Nature</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Licence</source>
            <translation>Licence</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Loaded, along a cycle facility</source>
            <translation>Chargé, le long d'un aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Loaded, no cycle facility</source>
            <translation>Chargé, sans aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Low score</source>
            <translation>Score faible</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Manufacturing (C)</source>
            <translation>Industrie manufacturière (C)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Mode</source>
            <translation>Mode</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>New code(s)</source>
            <translation>Nouveau(x) code(s)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>No cycle facility</source>
            <translation>Sans aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>No cyclist, along a cycle facility</source>
            <translation>Aucun cycliste, le long d'un aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>No cyclist, no cycle facility</source>
            <translation>Aucun cycliste, sans aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>No flow</source>
            <translation>Sans flux</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>No flow, along a cycle facility</source>
            <translation>Sans flux, le long d'un aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>No flow, no cycle facility</source>
            <translation>Sans flux, sans aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Not found</source>
            <translation>Non trouvée</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Not served</source>
            <translation>Non desservi</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>One change</source>
            <translation>Une correspondance</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Origin</source>
            <translation>Origine</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Other activities</source>
            <translation>Autres activités</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Period</source>
            <translation>Période</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Public administration (O)</source>
            <translation>Administration publique (O)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Retrieved at</source>
            <translation>Récupéré le</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Scenario cyclists, along a cycle facility</source>
            <translation>Cyclistes du scénario, le long d'un aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Scenario cyclists, no cycle facility</source>
            <translation>Cyclistes du scénario, sans aménagement cyclable</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Segments carrying flow without a facility (width by flow)</source>
            <translation>Tronçons chargés sans aménagement (épaisseur selon le flux)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Segments carrying flow, covered by a facility (width by flow)</source>
            <translation>Tronçons chargés, dotés d'un aménagement (épaisseur selon le flux)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Segments with scenario cyclists and no cycle facility (width by cyclists)</source>
            <translation>Tronçons avec des cyclistes du scénario et sans aménagement cyclable (épaisseur selon les cyclistes)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Segments with scenario cyclists, along a cycle facility (width by cyclists)</source>
            <translation>Tronçons avec des cyclistes du scénario, le long d'un aménagement cyclable (épaisseur selon les cyclistes)</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Shared bus lane</source>
            <translation>Couloir bus-vélo</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Shared with traffic</source>
            <translation>Voie partagée</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Skipped</source>
            <translation>Ignorée</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Stations</source>
            <translation>Gares et stations</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Stops</source>
            <translation>Arrêts</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>Width proportional to the flow</source>
            <translation>Épaisseur proportionnelle au flux</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>no commuter</source>
            <translation>aucun actif</translation>
        </message>
        <message>
            <location filename="../ui/style_i18n.py" />
            <source>under 5 %</source>
            <translation>moins de 5 %</translation>
        </message>
    </context>
    <context>
        <name>TerritorialAlgorithm</name>
        <message>
            <location filename="../processing/algorithms/base.py" />
            <source>Cancelled: nothing was written.</source>
            <translation>Annulé : rien n'a été écrit.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/base.py" />
            <source>Data sources</source>
            <translation>Sources de données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/base.py" />
            <source>Licence: {licence}.</source>
            <translation>Licence : {licence}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/base.py" />
            <source>Maps</source>
            <translation>Cartes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/base.py" />
            <source>Mobility flows</source>
            <translation>Flux de mobilité</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/base.py" />
            <source>Networks</source>
            <translation>Réseaux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/base.py" />
            <source>Sources and licences</source>
            <translation>Sources et licences</translation>
        </message>
    </context>
    <context>
        <name>TerritorialBrowser</name>
        <message>
            <location filename="../ui/browser.py" />
            <source>Administrative boundaries</source>
            <translation>Limites administratives</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>All the communes of France?</source>
            <translation>Toutes les communes de France ?</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>BD TOPO roads (IGN)</source>
            <translation>Routes BD TOPO (IGN)</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Communes</source>
            <translation>Communes</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Communes of which territory? A département (95, 2A), an EPCI SIREN (200054781) or a région code.
Leave empty for all of France (about 35,000 communes, a large national download).</source>
            <translation>Communes de quel territoire ? Un département (95, 2A), le SIREN d'un EPCI (200054781) ou un code de région.
Laisser vide pour toute la France (environ 35 000 communes, un gros téléchargement national).</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Cycle facilities (BNAC)</source>
            <translation>Aménagements cyclables (BNAC)</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Départements</source>
            <translation>Départements</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>EPCI (intercommunalities)</source>
            <translation>EPCI (intercommunalités)</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>GTFS public transport</source>
            <translation>Transports publics (GTFS)</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Geocode addresses</source>
            <translation>Géocoder des adresses</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Home-work flows (INSEE MOBPRO)</source>
            <translation>Flux domicile-travail (INSEE MOBPRO)</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>No territory code was given: this downloads the communes of all of France (about 35,000 communes). Continue?</source>
            <translation>Aucun code de territoire n'a été donné : cela télécharge les communes de toute la France (environ 35 000 communes). Continuer ?</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Open…</source>
            <translation>Ouvrir…</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Orange Flux Vision exports</source>
            <translation>Exports Orange Flux Vision</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Regions</source>
            <translation>Régions</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>SIRENE establishments</source>
            <translation>Établissements SIRENE</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>Territorial data</source>
            <translation>Données territoriales</translation>
        </message>
        <message>
            <location filename="../ui/browser.py" />
            <source>data.gouv.fr search</source>
            <translation>Recherche data.gouv.fr</translation>
        </message>
    </context>
    <context>
        <name>TerritorialDataPlugin</name>
        <message>
            <location filename="../ui/gui.py" />
            <source>&amp;Territorial data</source>
            <translation>&amp;Données territoriales</translation>
        </message>
        <message>
            <location filename="../ui/gui.py" />
            <source>Options…</source>
            <translation>Options…</translation>
        </message>
        <message>
            <location filename="../ui/gui.py" />
            <source>Processing algorithms…</source>
            <translation>Algorithmes de traitement…</translation>
        </message>
        <message>
            <location filename="../ui/gui.py" />
            <source>Territorial data</source>
            <translation>Données territoriales</translation>
        </message>
        <message>
            <location filename="../ui/gui.py" />
            <source>The Processing toolbox is not available: enable the « Processing » plugin in Plugins › Manage and Install Plugins › Installed.</source>
            <translation>La boîte à outils de traitements n'est pas disponible : activez l’extension « Processing » dans Extensions › Installer/Gérer les extensions › Installées.</translation>
        </message>
    </context>
    <context>
        <name>TerritorialExtent</name>
        <message>
            <location filename="../processing/inputs/extent.py" />
            <source>The extent cannot be converted to longitude/latitude: check its coordinate system.</source>
            <translation>L'emprise ne peut pas être convertie en longitude/latitude : vérifiez son système de coordonnées.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/extent.py" />
            <source>The extent has no coordinate system: read as {crs}.</source>
            <translation>L'emprise n'a pas de système de coordonnées : lue en {crs}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/extent.py" />
            <source>The extent is empty: draw an extent or give xmin,xmax,ymin,ymax [EPSG:xxxx].</source>
            <translation>L'emprise est vide : dessinez une emprise ou donnez xmin,xmax,ymin,ymax [EPSG:xxxx].</translation>
        </message>
    </context>
    <context>
        <name>TerritorialOptions</name>
        <message>
            <location filename="../ui/options.py" />
            <source>Address geocoding (BAN, Géoplateforme)</source>
            <translation>Géocodage d'adresses (BAN, Géoplateforme)</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Administrative boundaries (geo.api.gouv.fr)</source>
            <translation>Limites administratives (geo.api.gouv.fr)</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Automatic: the language of QGIS ({language})</source>
            <translation>Automatique : la langue de QGIS ({language})</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Cache</source>
            <translation>Cache</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Cache folder</source>
            <translation>Dossier du cache</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Clear the cache</source>
            <translation>Vider le cache</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Company search (SIRENE)</source>
            <translation>Recherche d'entreprises (SIRENE)</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Dask scheduler for large routings</source>
            <translation>Ordonnanceur Dask pour les grands calculs d'itinéraires</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Delete every cached answer and file in {folder}?</source>
            <translation>Supprimer toutes les réponses et tous les fichiers en cache dans {folder} ?</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>IGN Géoplateforme WFS</source>
            <translation>WFS de la Géoplateforme IGN</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>INSEE Sirene API</source>
            <translation>API Sirene de l'INSEE</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Layer names, legends, printed maps, metadata and messages of the plugin. For batch runs, the environment variable TERRITORIAL_DATA_LANGUAGE (fr or en) does the same.</source>
            <translation>Noms des couches, légendes, cartes imprimées, métadonnées et messages de l'extension. Pour les traitements par lots, la variable d'environnement TERRITORIAL_DATA_LANGUAGE (fr ou en) fait de même.</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Longest silence of a connected service</source>
            <translation>Silence maximal d'un service connecté</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Longest time for one request, retries included</source>
            <translation>Durée maximale d'une requête, nouvelles tentatives comprises</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Longest wait a busy service may ask for</source>
            <translation>Attente maximale qu'un service surchargé peut demander</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Offline mode: use only the cache, never the network</source>
            <translation>Mode hors ligne : utiliser uniquement le cache, jamais le réseau</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Outputs and messages</source>
            <translation>Sorties et messages</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Requests and computing</source>
            <translation>Requêtes et calcul</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Retries of a failed request</source>
            <translation>Nouvelles tentatives d'une requête en échec</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Service addresses</source>
            <translation>Adresses des services</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Set by the environment variable {name}.</source>
            <translation>Fixé par la variable d'environnement {name}.</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Size</source>
            <translation>Taille</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Territorial data</source>
            <translation>Données territoriales</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>Time to connect to a service</source>
            <translation>Délai de connexion à un service</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>data.gouv.fr API</source>
            <translation>API data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>empty: this computer (e.g. tcp://server:8786)</source>
            <translation>vide : cet ordinateur (par ex. tcp://serveur:8786)</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>s</source>
            <translation>s</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>transport.data.gouv.fr API</source>
            <translation>API transport.data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>{size} in 1 entry</source>
            <translation>{size} en 1 entrée</translation>
        </message>
        <message>
            <location filename="../ui/options.py" />
            <source>{size} in {count} entries</source>
            <translation>{size} en {count} entrées</translation>
        </message>
    </context>
    <context>
        <name>TerritorialProvider</name>
        <message>
            <location filename="../processing/provider.py" />
            <location filename="../providers/i18n.py" />
            <source>Territorial data</source>
            <translation>Données territoriales</translation>
        </message>
        <message>
            <location filename="../processing/provider.py" />
            <source>Territorial data (French open data and mobility) {version}</source>
            <translation>Données territoriales (données ouvertes françaises et mobilité) {version}</translation>
        </message>
        <message>
            <location filename="../processing/provider.py" />
            <source>The algorithm '{name}' could not be created.
{error}</source>
            <translation>L'algorithme « {name} » n'a pas pu être créé.
{error}</translation>
        </message>
        <message>
            <location filename="../processing/provider.py" />
            <source>The algorithm module '{name}' could not be loaded; the others are available.
{error}</source>
            <translation>Le module d'algorithme « {name} » n'a pas pu être chargé ; les autres sont disponibles.
{error}</translation>
        </message>
    </context>
    <context>
        <name>Territory</name>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>Cannot tell what territory '{code}' is: give a commune INSEE code (5 characters, e.g. 95127), an EPCI SIREN (9 digits, e.g. 200054781) or a département (2 or 3 characters, e.g. 95, 2A, 974).</source>
            <translation>Impossible de savoir quel territoire est « {code} » : donnez un code commune INSEE (5 caractères, par ex. 95127), le SIREN d'un EPCI (9 chiffres, par ex. 200054781) ou un département (2 ou 3 caractères, par ex. 95, 2A, 974).</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>For a Paris, Lyon or Marseille arrondissement, give the commune code {code}.</source>
            <translation>Pour un arrondissement de Paris, Lyon ou Marseille, donnez le code de la commune {code}.</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>Give a territory code: a commune (INSEE code, e.g. 95127), an EPCI (SIREN, e.g. 200054781) or a département (e.g. 95).</source>
            <translation>Donnez un code de territoire : une commune (code INSEE, par ex. 95127), un EPCI (SIREN, par ex. 200054781) ou un département (par ex. 95).</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>No commune has the INSEE code {code} in département {dep}: check the code (5 characters, e.g. 95127 or 2A004).</source>
            <translation>Aucune commune n'a le code INSEE {code} dans le département {dep} : vérifiez le code (5 caractères, par ex. 95127 ou 2A004).</translation>
        </message>
        <message>
            <location filename="../providers/geo_api.py" />
            <source>geo.api.gouv.fr gave no contour for {code}.</source>
            <translation>geo.api.gouv.fr n'a donné aucun contour pour {code}.</translation>
        </message>
    </context>
    <context>
        <name>TerritoryDiagnostic</name>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>- `{project}`: the QGIS project opening all the layers, styled.</source>
            <translation>- `{project}` : le projet QGIS qui ouvre toutes les couches, stylées.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>A commune (INSEE code, e.g. 95127), an EPCI (SIREN, e.g. 249500109) or a département (e.g. 95). Empty: the zones layer is the territory.</source>
            <translation>Une commune (code INSEE, par exemple 95127), un EPCI (SIREN, par exemple 249500109) ou un département (par exemple 95). Vide : la couche des zones est le territoire.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Boundaries, home-work flows, flow lines, indicators, car loads, cycle facility coverage, cycling potential and public transport coverage of a territory in one step: one GeoPackage, printed maps, a QGIS project and a summary.</source>
            <translation>Limites, flux domicile-travail, lignes de flux, indicateurs, charges routières, couverture cyclable, potentiel cyclable et desserte en transports en commun d'un territoire en une étape : un GeoPackage, des cartes imprimées, un projet QGIS et une synthèse.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Cannot tell what territory '{code}' is: give a commune INSEE code (5 characters, e.g. 95127), an EPCI SIREN (9 digits) or a département (2 or 3 characters, e.g. 95, 2A, 974).</source>
            <translation>Impossible de dire quel territoire est « {code} » : donnez un code INSEE de commune (5 caractères, par exemple 95127), un SIREN d'EPCI (9 chiffres) ou un département (2 ou 3 caractères, par exemple 95, 2A, 974).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Car commuters assigned onto the roads</source>
            <translation>Actifs en voiture affectés au réseau routier</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Choose the output folder.</source>
            <translation>Choisissez le dossier de sortie.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Choose the zone code field of the zones layer (none of {names} is there).</source>
            <translation>Choisissez le champ du code de zone de la couche des zones (aucun de {names} n'y figure).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Command line: SCENARIO=government_target, go_dutch or ebike.</source>
            <translation>En ligne de commande : SCENARIO=government_target, go_dutch ou ebike.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Communes of the territory</source>
            <translation>Communes du territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Commuters</source>
            <translation>Actifs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Commuters between communes, both directions together</source>
            <translation>Actifs entre communes, les deux sens réunis</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Commuters served by public transport</source>
            <translation>Actifs desservis par les transports en commun</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Commuters who could cycle ({scenario} scenario of the Propensity to Cycle Tool) on the network; the {count} busiest stretches without a cycle facility, ranked</source>
            <translation>Actifs qui pourraient aller au travail à vélo (scénario {scenario} du Propensity to Cycle Tool) sur le réseau ; les {count} tronçons les plus chargés sans aménagement cyclable, classés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Could not write the QGIS project {path}: {error}</source>
            <translation>Impossible d'écrire le projet QGIS {path} : {error}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Cycle facilities (empty: the national base BNAC fetched online)</source>
            <translation>Aménagements cyclables (vide : la base nationale BNAC récupérée en ligne)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Cycle facilities today</source>
            <translation>Aménagements cyclables aujourd'hui</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Cycling</source>
            <translation>Vélo</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Cycling commuters along the cycle facilities</source>
            <translation>Actifs à vélo le long des aménagements cyclables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Cycling potential</source>
            <translation>Potentiel cyclable</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Cycling scenario of the maps</source>
            <translation>Scénario cyclable des cartes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>EPCI {code}</source>
            <translation>EPCI {code}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Elevation model (DEM, optional: route gradients)</source>
            <translation>Modèle numérique de terrain (MNT, facultatif : pentes des itinéraires)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Everything is in {folder}.</source>
            <translation>Tout est dans {folder}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Flow files (*.csv *.txt *.zip *.gpkg *.xlsx *.ods *.CSV *.TXT *.ZIP);;All files (*.*)</source>
            <translation>Fichiers de flux (*.csv *.txt *.zip *.gpkg *.xlsx *.ods *.CSV *.TXT *.ZIP);;Tous les fichiers (*.*)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Flow lines</source>
            <translation>Lignes de flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Flows</source>
            <translation>Flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Flows served directly or with one change in the morning peak</source>
            <translation>Flux desservis directement ou avec une correspondance à l'heure de pointe du matin</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Flows: a MOBPRO file or an OD table (CSV, GeoPackage...)</source>
            <translation>Flux : un fichier MOBPRO ou une table OD (CSV, GeoPackage...)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>GTFS feed (zip, optional: public transport coverage)</source>
            <translation>Flux GTFS (zip, facultatif : desserte en transports en commun)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>GTFS zip (*.zip);;All files (*.*)</source>
            <translation>GTFS zip (*.zip);;Tous les fichiers (*.*)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>GeoPackage</source>
            <translation>GeoPackage</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Give a territory code, or a zones layer (the communes of the territory), or both.</source>
            <translation>Donnez un code de territoire, ou une couche de zones (les communes du territoire), ou les deux.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Give the layer '{what}', or a territory code to fetch it online.</source>
            <translation>Donnez la couche « {what} », ou un code de territoire pour la récupérer en ligne.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Go Dutch</source>
            <translation>Go Dutch</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Go Dutch (PCT 2020)</source>
            <translation>Go Dutch (PCT 2020)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Home-work flows (INSEE MOBPRO), codes moved to the newest COG</source>
            <translation>Flux domicile-travail (INSEE MOBPRO), codes passés au COG le plus récent</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Indicators per commune</source>
            <translation>Indicateurs par commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Key figures</source>
            <translation>Chiffres clés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Layers of {file}</source>
            <translation>Couches de {file}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Licence of an OD table</source>
            <translation>Licence d'une table OD</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Map: {title}</source>
            <translation>Carte : {title}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Maps</source>
            <translation>Cartes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Maps (« ; » between files)</source>
            <translation>Cartes (« ; » entre les fichiers)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Name of the territory (maps and summary)</source>
            <translation>Nom du territoire (cartes et synthèse)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>No commune has the code {code}: check the territory code.</source>
            <translation>Aucune commune n'a le code {code} : vérifiez le code du territoire.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>OD table imported</source>
            <translation>Table OD importée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Output folder</source>
            <translation>Dossier de sortie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Produced on {date} with Territorial Data {version} in {seconds:.0f} s.</source>
            <translation>Produit le {date} avec Territorial Data {version} en {seconds:.0f} s.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Producer of an OD table (for the maps' sources)</source>
            <translation>Producteur d'une table OD (pour les sources des cartes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Public transport</source>
            <translation>Transports en commun</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>QGIS project</source>
            <translation>Projet QGIS</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Read with care</source>
            <translation>Précautions de lecture</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Road network (empty: BD TOPO fetched online)</source>
            <translation>Réseau routier (vide : la BD TOPO récupérée en ligne)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Roads</source>
            <translation>Routes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Routes are shortest paths, all or nothing; trips within a commune are not on the network.</source>
            <translation>Les itinéraires sont des plus courts chemins, en tout ou rien ; les trajets internes à une commune ne sont pas sur le réseau.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Shortest-time assignment of the car commuters, per road segment</source>
            <translation>Affectation au plus court chemin (temps) des actifs en voiture, par tronçon</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Snapping tolerance of the networks (metres)</source>
            <translation>Tolérance d'accrochage des réseaux (mètres)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Sources and licences</source>
            <translation>Sources et licences</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Steps</source>
            <translation>Étapes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Summary (CSV)</source>
            <translation>Synthèse (CSV)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Summary (Markdown)</source>
            <translation>Synthèse (Markdown)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Summary: {path}</source>
            <translation>Synthèse : {path}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Territory</source>
            <translation>Territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Territory diagnostic (the whole chain)</source>
            <translation>Diagnostic territorial (toute la chaîne)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Territory diagnostic: {territory}</source>
            <translation>Diagnostic territorial : {territory}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Territory: a commune, EPCI or département code (boundaries fetched)</source>
            <translation>Territoire : un code de commune, d'EPCI ou de département (limites récupérées)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>The OD table {path} has no {what} column among the usual names ({names}). Its columns are: {columns}. Import it with 'Import an OD table' and give its result, or rename the column.</source>
            <translation>La table OD {path} n'a pas de colonne {what} parmi les noms usuels ({names}). Ses colonnes sont : {columns}. Importez-la avec « Importer une table OD » et donnez son résultat, ou renommez la colonne.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>The census (MOBPRO) counts workers by their usual place of work and the main mode they declare, not trips; the 2014 census and earlier have no bicycle mode (NM mixes walking and cycling).</source>
            <translation>Le recensement (MOBPRO) compte des actifs selon leur lieu de travail habituel et le mode principal qu'ils déclarent, pas des déplacements ; le recensement de 2014 et les précédents n'ont pas de mode vélo (NM mêle marche et vélo).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>The cycling potential applies the uptake curves of the Propensity to Cycle Tool, fitted in England and Wales: an order of magnitude, not a forecast. Scenario of the maps: {scenario}.</source>
            <translation>Le potentiel cyclable applique les courbes de report du Propensity to Cycle Tool, ajustées en Angleterre et au pays de Galles : un ordre de grandeur, pas une prévision. Scénario des cartes : {scenario}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>The flows file {path} is neither a MOBPRO file nor a table QGIS can open.</source>
            <translation>Le fichier de flux {path} n'est ni un fichier MOBPRO ni une table que QGIS sait ouvrir.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>The flows have no car mode: every commuter is assigned onto the roads (road_loads).</source>
            <translation>Les flux n'ont pas de mode voiture : tous les actifs sont affectés au réseau routier (road_loads).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>The flows have no cycling or non-motorised mode: no coverage of today's cycling.</source>
            <translation>Les flux n'ont pas de mode vélo ni non motorisé : pas de couverture de la pratique actuelle du vélo.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>The layer {name} is missing from {path}.</source>
            <translation>La couche {name} manque dans {path}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>The output folder's path holds a quote ('): choose a folder without one.</source>
            <translation>Le chemin du dossier de sortie contient une apostrophe (') : choisissez un dossier sans apostrophe.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Zone code field</source>
            <translation>Champ du code de zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Zones (commune polygons; empty: the communes fetched for the territory)</source>
            <translation>Zones (polygones de communes ; vide : les communes récupérées pour le territoire)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Zones copied into the GeoPackage</source>
            <translation>Zones copiées dans le GeoPackage</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>Zones: {name}</source>
            <translation>Zones : {name}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>algorithm</source>
            <translation>algorithme</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>car_flows_not_assigned</source>
            <translation>flux_voiture_non_affectes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>commune {code}</source>
            <translation>commune {code}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>commune_indicators</source>
            <translation>indicateurs_communes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>communes</source>
            <translation>communes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>cycle_coverage</source>
            <translation>couverture_cyclable</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>cycle_facilities</source>
            <translation>amenagements_cyclables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>cycle_gaps</source>
            <translation>discontinuites_cyclables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>cycling_flows_not_assigned</source>
            <translation>flux_velo_non_affectes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>cycling_potential_communes</source>
            <translation>potentiel_cyclable_communes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>cycling_potential_gaps</source>
            <translation>potentiel_cyclable_discontinuites</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>cycling_potential_od</source>
            <translation>potentiel_cyclable_od</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>cycling_potential_segments</source>
            <translation>potentiel_cyclable_troncons</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>département {code}</source>
            <translation>département {code}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>e-bike</source>
            <translation>vélo électrique</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>e-bike (PCT 2020)</source>
            <translation>vélo électrique (PCT 2020)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>flow_lines</source>
            <translation>lignes_de_flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>flows</source>
            <translation>flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>flows_import_report</source>
            <translation>rapport_import_flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>flows_missing_zones</source>
            <translation>flux_zones_manquantes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>flows_within_communes</source>
            <translation>flux_internes_communes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>government target</source>
            <translation>objectif gouvernemental</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>government target (PCT 2020)</source>
            <translation>objectif gouvernemental (PCT 2020)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>indicator</source>
            <translation>indicateur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>indicators_missing_zones</source>
            <translation>indicateurs_zones_manquantes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>map_cycling_potential</source>
            <translation>carte_potentiel_cyclable</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>map_flows</source>
            <translation>carte_flux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>map_road_loads</source>
            <translation>carte_charges_routieres</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>map_transit</source>
            <translation>carte_desserte_tc</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>road_loads</source>
            <translation>charges_routieres</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>roads</source>
            <translation>routes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>step</source>
            <translation>étape</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>territory</source>
            <translation>territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>the territory</source>
            <translation>le territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>transit_coverage</source>
            <translation>desserte_tc</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>transit_coverage_communes</source>
            <translation>desserte_tc_communes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>value</source>
            <translation>valeur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>zones</source>
            <translation>zones</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>{territory}: car commuters on the roads</source>
            <translation>{territory} : actifs en voiture sur les routes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>{territory}: commuters served by public transport</source>
            <translation>{territory} : actifs desservis par les transports en commun</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>{territory}: cycling potential and gaps in the cycle network</source>
            <translation>{territory} : potentiel cyclable et discontinuités du réseau cyclable</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>{territory}: home-work flows</source>
            <translation>{territory} : flux domicile-travail</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/territory_diagnostic.py" />
            <source>— {title} ({alg})</source>
            <translation>— {title} ({alg})</translation>
        </message>
    </context>
    <context>
        <name>TextFile</name>
        <message>
            <location filename="../providers/textfile.py" />
            <source> ({count} characters)</source>
            <translation> ({count} caractères)</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' cannot be decoded as {encoding}: save it again as UTF-8 and try again.</source>
            <translation>« {file} » ne peut pas être décodé en {encoding} : enregistrez-le de nouveau en UTF-8 et réessayez.</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' has a header of one column ('{line}') over rows of {count} columns separated by '{sep}': give the header a name for each column, separated by '{sep}'.</source>
            <translation>« {file} » a un en-tête d'une seule colonne (« {line} ») au-dessus de lignes de {count} colonnes séparées par « {sep} » : donnez à l'en-tête un nom par colonne, séparés par « {sep} ».</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' holds a header line ({columns}) but no data row: export the table again with its rows.</source>
            <translation>« {file} » contient une ligne d'en-tête ({columns}) mais aucune ligne de données : exportez de nouveau la table avec ses lignes.</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' is a damaged or incomplete zip archive (its table of contents is missing): download it again completely.</source>
            <translation>« {file} » est une archive zip endommagée ou incomplète (sa table des matières manque) : téléchargez-la de nouveau en entier.</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' is a folder, not a file: give the table file itself.</source>
            <translation>« {file} » est un dossier, pas un fichier : donnez le fichier de la table lui-même.</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>'{file}' mixes separators: its header line is separated by '{header_sep}' ({columns} columns) but its rows by '{row_sep}' (line 2: '{line}'). Save the file again with one separator throughout, e.g. ';'.</source>
            <translation>« {file} » mélange les séparateurs : sa ligne d'en-tête est séparée par « {header_sep} » ({columns} colonnes) mais ses lignes par « {row_sep} » (ligne 2 : « {line} »). Enregistrez de nouveau le fichier avec un seul séparateur partout, par ex. « ; ».</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>{file}, line {line}: the line cannot be read as delimited text ({error}).</source>
            <translation>{file}, ligne {line} : la ligne ne peut pas être lue comme du texte délimité ({error}).</translation>
        </message>
        <message>
            <location filename="../providers/textfile.py" />
            <source>{file}, line {line}: {count} values where the header has {columns} columns (separator '{sep}'). Check the separator and the quotes of that line, or remove it.</source>
            <translation>{file}, ligne {line} : {count} valeurs alors que l'en-tête a {columns} colonnes (séparateur « {sep} »). Vérifiez le séparateur et les guillemets de cette ligne, ou supprimez-la.</translation>
        </message>
    </context>
    <context>
        <name>TransitCoverage</name>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source> with the modes {modes}</source>
            <translation> avec les modes {modes}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Date (YYYY-MM-DD; empty: the busiest weekday of the feed)</source>
            <translation>Date (AAAA-MM-JJ ; vide : le jour de semaine le plus chargé du flux)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>End of the time window (HH:MM, may exceed 24:00)</source>
            <translation>Fin de la plage horaire (HH:MM, peut dépasser 24:00)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Flow between distinct zones</source>
            <translation>Flux entre zones distinctes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Flow not served</source>
            <translation>Flux non desservi</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Flow served directly</source>
            <translation>Flux desservi en direct</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Flow served with one change</source>
            <translation>Flux desservi avec une correspondance</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Flows served by public transport</source>
            <translation>Flux desservis par les transports publics</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Flows served by public transport — {label}</source>
            <translation>Flux desservis par les transports publics — {label}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Flows within a zone are left out: {flow} in {count} zones.</source>
            <translation>Les flux internes à une zone sont écartés : {flow} dans {count} zones.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>GTFS feed (zip)</source>
            <translation>Flux GTFS (zip)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>GTFS zip (*.zip);;All files (*.*)</source>
            <translation>Zip GTFS (*.zip);;Tous les fichiers (*.*)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Maximum wait at a change (min)</source>
            <translation>Attente maximale en correspondance (min)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Minimum change time (min)</source>
            <translation>Temps de correspondance minimal (min)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>No flow between two different zones{modes}: there is nothing to serve. Check the mode filter and the origin and destination fields.</source>
            <translation>Aucun flux entre deux zones différentes{modes} : il n'y a rien à desservir. Vérifiez le filtre de modes et les champs origine et destination.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>No stop of the feed lies within {distance} m of any zone: the zones and the GTFS feed do not cover the same territory (check the zones layer and its CRS), or raise the walking distance.</source>
            <translation>Aucun arrêt du flux n'est à moins de {distance} m d'une zone : les zones et le flux GTFS ne couvrent pas le même territoire (vérifiez la couche des zones et son SCR), ou augmentez la distance à pied.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>No trip leaves a stop between {start} and {end} on {day}: no flow can be served. Check the time window.</source>
            <translation>Aucune course ne part d'un arrêt entre {start} et {end} le {day} : aucun flux ne peut être desservi. Vérifiez la plage horaire.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Public transport coverage of flows</source>
            <translation>Desserte des flux en transports publics</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Public transport coverage per zone</source>
            <translation>Desserte en transports publics par zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Public transport coverage per zone — {label}</source>
            <translation>Desserte en transports publics par zone — {label}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Share of the flow served (0-1)</source>
            <translation>Part du flux desservie (0-1)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Start of the time window (HH:MM)</source>
            <translation>Début de la plage horaire (HH:MM)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>The flows table '{layer}' has no row.</source>
            <translation>La table des flux « {layer} » n'a aucune ligne.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>The service day: calendar.txt and calendar_dates.txt decide which trips run.</source>
            <translation>Le jour de service : calendar.txt et calendar_dates.txt décident des courses qui circulent.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Walking distance of a change between two stops (m)</source>
            <translation>Distance à pied d'une correspondance entre deux arrêts (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Walking distance to a stop (m)</source>
            <translation>Distance à pied jusqu'à un arrêt (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Walking speed (km/h)</source>
            <translation>Vitesse de marche (km/h)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>Which OD flows a GTFS network serves in a time window, directly or with one change, how often and how fast, and the share of the flows served.</source>
            <translation>Quels flux OD un réseau GTFS dessert sur une plage horaire, en direct ou avec une correspondance, à quelle fréquence et en combien de temps, et la part des flux desservis.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>end</source>
            <translation>fin</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>no geometry</source>
            <translation>pas de géométrie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>no stop within {distance} m</source>
            <translation>aucun arrêt à moins de {distance} m</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>start</source>
            <translation>début</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>{count} flow codes have no zone with a geometry ({codes}): their {pairs} pairs, flow {flow}, are written as not served with the reason.</source>
            <translation>{count} codes des flux n'ont pas de zone avec une géométrie ({codes}) : leurs {pairs} couples, flux {flow}, sont écrits comme non desservis, avec la raison.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>{count} zones have no stop within {distance} m; {involved} of them carry flows ({codes}): those flows are not served (reason given per line and per zone).</source>
            <translation>{count} zones n'ont aucun arrêt à moins de {distance} m ; {involved} d'entre elles portent des flux ({codes}) : ces flux ne sont pas desservis (raison donnée par ligne et par zone).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>{date}, {window}: of a flow of {total} between distinct zones ({pairs} pairs), {direct} ({direct_share:.1%}) is served directly, {transfer} ({transfer_share:.1%}) with one change and {none} ({none_share:.1%}) is not served: {share:.1%} served.</source>
            <translation>{date}, {window} : sur un flux de {total} entre zones distinctes ({pairs} couples), {direct} ({direct_share:.1%}) est desservi en direct, {transfer} ({transfer_share:.1%}) avec une correspondance et {none} ({none_share:.1%}) n'est pas desservi : {share:.1%} desservi.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/transit_coverage.py" />
            <source>{stops} stops of the feed lie within {distance} m of {zones} zones (of {total}); {links} changes by foot between stops within {transfer} m.</source>
            <translation>{stops} arrêts du flux sont à moins de {distance} m de {zones} zones (sur {total}) ; {links} correspondances à pied entre arrêts à moins de {transfer} m.</translation>
        </message>
    </context>
    <context>
        <name>TransitEngine</name>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>Check the settings: {problems}.</source>
            <translation>Vérifiez les réglages : {problems}.</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>No trip of '{feed}' runs on {day} ({weekday}); its service period is {first} to {last}. Choose a date in that period: {busiest} ({busiest_weekday}) is the weekday with the most trips.</source>
            <translation>Aucune course de « {feed} » ne circule le {day} ({weekday}) ; sa période de service va du {first} au {last}. Choisissez une date dans cette période : le {busiest} ({busiest_weekday}) est le jour de semaine qui compte le plus de courses.</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>no stop near the destination</source>
            <translation>aucun arrêt près de la destination</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>no stop near the origin</source>
            <translation>aucun arrêt près de l'origine</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>no stop near the origin nor the destination</source>
            <translation>aucun arrêt près de l'origine ni de la destination</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>no trip in the window, direct or with one change</source>
            <translation>aucune course dans la plage, directe ou avec une correspondance</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>no zone '{code}' in the zones layer</source>
            <translation>pas de zone « {code} » dans la couche des zones</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>the maximum wait ({wait} min) is shorter than the minimum change time ({change} min): no change could count</source>
            <translation>l'attente maximale ({wait} min) est plus courte que le temps de correspondance minimal ({change} min) : aucune correspondance ne pourrait compter</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>the maximum wait must be more than 0 min (got {value})</source>
            <translation>l'attente maximale doit dépasser 0 min (reçu {value})</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>the minimum change time cannot be negative (got {value} min)</source>
            <translation>le temps de correspondance minimal ne peut pas être négatif (reçu {value} min)</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>the transfer distance cannot be negative (got {value}): 0 allows changes at the same stop only</source>
            <translation>la distance de correspondance ne peut pas être négative (reçu {value}) : 0 n'autorise que les correspondances au même arrêt</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>the walking distance must be more than 0 m (got {value}): 500 m is a usual value</source>
            <translation>la distance à pied doit dépasser 0 m (reçu {value}) : 500 m est une valeur courante</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>the walking speed must be more than 0 km/h (got {value}): 4.5 km/h is a usual value</source>
            <translation>la vitesse de marche doit dépasser 0 km/h (reçu {value}) : 4,5 km/h est une valeur courante</translation>
        </message>
        <message>
            <location filename="../processing/engine/transit.py" />
            <source>zone '{code}' has no geometry</source>
            <translation>la zone « {code} » n'a pas de géométrie</translation>
        </message>
    </context>
    <context>
        <name>Transport</name>
        <message>
            <location filename="../providers/transport.py" />
            <source>Give a network name (e.g. TaM, STAR) or a territory (INSEE code, SIREN or name).</source>
            <translation>Donnez un nom de réseau (par ex. TaM, STAR) ou un territoire (code INSEE, SIREN ou nom).</translation>
        </message>
        <message>
            <location filename="../providers/transport.py" />
            <source>No GTFS feed on transport.data.gouv.fr matches '{what}': try the network's commercial name (e.g. TaM, STAR), the name of its organising authority, or the INSEE code / SIREN of the territory it covers.</source>
            <translation>Aucun flux GTFS sur transport.data.gouv.fr ne correspond à « {what} » : essayez le nom commercial du réseau (par ex. TaM, STAR), le nom de son autorité organisatrice, ou le code INSEE / SIREN du territoire qu'il couvre.</translation>
        </message>
        <message>
            <location filename="../providers/transport.py" />
            <source>The feed is {size} MB, more than the {limit} MB allowed: download it yourself and import the local file.</source>
            <translation>Le flux pèse {size} Mo, plus que les {limit} Mo permis : téléchargez-le vous-même et importez le fichier local.</translation>
        </message>
        <message>
            <location filename="../providers/transport.py" />
            <source>The resource {id} has no download address.</source>
            <translation>La ressource {id} n'a pas d'adresse de téléchargement.</translation>
        </message>
        <message>
            <location filename="../providers/transport.py" />
            <source>a list of datasets</source>
            <translation>une liste de jeux de données</translation>
        </message>
        <message>
            <location filename="../providers/transport.py" />
            <source>unknown publisher</source>
            <translation>éditeur inconnu</translation>
        </message>
        <message>
            <location filename="../providers/transport.py" />
            <source>{count} GTFS resource(s) marked unavailable by transport.data.gouv.fr were set aside</source>
            <translation>{count} ressource(s) GTFS signalée(s) indisponible(s) par transport.data.gouv.fr ont été écartée(s)</translation>
        </message>
    </context>
    <context>
        <name>Zones</name>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Cannot locate the zones layer '{layer}' on the globe: {error}</source>
            <translation>Impossible de situer la couche de zones « {layer} » sur le globe : {error}</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Cannot project zone '{code}' to {crs}: {error}</source>
            <translation>Impossible de projeter la zone « {code} » en {crs} : {error}</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Choose the zone code field: the zones layer '{layer}' has none of the usual names ({aliases}). Its fields are: {fields}.</source>
            <translation>Choisissez le champ de code des zones : la couche de zones « {layer} » n'a aucun des noms usuels ({aliases}). Ses champs sont : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Connector points (optional, e.g. population-weighted)</source>
            <translation>Points de raccordement (facultatif, par ex. pondérés par la population)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Empty: the first of {names} the layer has (any letter case).</source>
            <translation>Vide : le premier de {names} que la couche possède (majuscules ou minuscules).</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Longest connector between a zone and the network (metres)</source>
            <translation>Connecteur le plus long entre une zone et le réseau (mètres)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>The layer '{layer}' has no field '{field}'. Its fields are: {fields}.</source>
            <translation>La couche « {layer} » n'a pas de champ « {field} ». Ses champs sont : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>The zone code field '{field}' holds numbers: codes such as 01001 lost their leading zero and Corsica's 2A/2B codes cannot be there. Codes are matched by restoring the zeros; prefer a text field.</source>
            <translation>Le champ de code de zone « {field} » contient des nombres : des codes comme 01001 ont perdu leur zéro initial et les codes corses 2A/2B ne peuvent pas y figurer. Les codes sont appariés en restaurant les zéros ; préférez un champ texte.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>The zones layer '{layer}' has no coordinate reference system: set its CRS (layer properties) and run again.</source>
            <translation>La couche de zones « {layer} » n'a pas de système de coordonnées : définissez son SCR (propriétés de la couche) et relancez.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>The zones layer '{layer}' has no feature with a geometry.</source>
            <translation>La couche de zones « {layer} » n'a aucune entité avec une géométrie.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>The zones layer '{layer}' has no feature.</source>
            <translation>La couche de zones « {layer} » n'a aucune entité.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>The zones layer '{layer}' has no field '{field}'. Its fields are: {fields}.</source>
            <translation>La couche de zones « {layer} » n'a pas de champ « {field} ». Ses champs sont : {fields}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>The zones layer '{layer}' has no zone with a code in '{field}' and a geometry.</source>
            <translation>La couche de zones « {layer} » n'a aucune zone avec un code dans « {field} » et une géométrie.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Zone code field</source>
            <translation>Champ du code de zone</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Zone code field of the connector points</source>
            <translation>Champ de code de zone des points de raccordement</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Zone codes read from the field '{field}'.</source>
            <translation>Codes de zone lus dans le champ « {field} ».</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Zones (polygons or points)</source>
            <translation>Zones (polygones ou points)</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>Zones outside the area of {crs}, with approximate distances: {count} ({codes}). Run overseas territories separately.</source>
            <translation>Zones hors du domaine de {crs}, aux distances approximatives : {count} ({codes}). Traitez les territoires d'outre-mer séparément.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} connector points were not used (unknown zone, no geometry, or a second point for the same zone).</source>
            <translation>{count} points de raccordement n'ont pas servi (zone inconnue, pas de géométrie, ou second point pour la même zone).</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} zone codes are carried by several features, merged into one zone each: {codes}.</source>
            <translation>{count} codes de zone sont portés par plusieurs entités, fusionnées en une zone chacun : {codes}.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} zones attach through their connector point, the others by their centre.</source>
            <translation>{count} zones se raccordent par leur point de raccordement, les autres par leur centre.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} zones have an invalid geometry ({codes}): they were repaired to place their centre; fix the layer (Vector › Geometry Tools › Fix Geometries) to be sure of their shape.</source>
            <translation>{count} zones ont une géométrie invalide ({codes}) : elles ont été réparées pour placer leur centre ; corrigez la couche (Vecteur › Outils de géométrie › Réparer les géométries) pour être sûr de leur forme.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} zones have no code in '{field}' (feature ids {ids}) and are left out.</source>
            <translation>{count} zones n'ont pas de code dans « {field} » (identifiants d'entités {ids}) et sont écartées.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} zones have no geometry ({codes}): their flows cannot be placed and are reported as missing.</source>
            <translation>{count} zones n'ont pas de géométrie ({codes}) : leurs flux ne peuvent pas être placés et sont signalés comme manquants.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} zones have their centroid outside their shape: a point on the surface is used instead.</source>
            <translation>{count} zones ont leur centroïde hors de leur forme : un point de la surface est utilisé à la place.</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} zones lie next to a line that is not connected to the main network, and attach to the main network farther away: {codes}. Their flows are routed from there, or not at all beyond the longest connector; connect the pieces of the network (or check the snapping tolerance).</source>
            <translation>{count} zones sont proches d'une ligne non reliée au réseau principal et se raccordent au réseau principal plus loin : {codes}. Leurs flux partent de là, ou ne sont pas affectés au-delà du connecteur le plus long ; reliez les morceaux du réseau (ou vérifiez la tolérance d'accrochage).</translation>
        </message>
        <message>
            <location filename="../processing/inputs/zones.py" />
            <source>{count} zones read from '{layer}'; distances measured in {crs}.</source>
            <translation>{count} zones lues dans « {layer} » ; distances mesurées en {crs}.</translation>
        </message>
    </context>
</TS>
