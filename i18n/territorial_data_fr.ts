<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>Cache</name>
    <message>
        <location filename="../providers/cache.py" line="223" />
        <source>Offline mode is on and the cache has no copy of {url}. Turn offline mode off (plugin options, or TERRITORIAL_DATA_OFFLINE=0) to download it, or use a cache folder that holds it.</source>
        <translation>Le mode hors ligne est activé et le cache ne contient pas de copie de {url}. Désactivez le mode hors ligne (options de l'extension, ou TERRITORIAL_DATA_OFFLINE=0) pour le télécharger, ou utilisez un dossier de cache qui le contient.</translation>
    </message>
    <message>
        <location filename="../providers/cache.py" line="232" />
        <source>Offline: using a cached copy retrieved on {date}, older than the dataset's usual refresh.</source>
        <translation>Hors ligne : utilisation d'une copie en cache récupérée le {date}, plus ancienne que la fréquence de mise à jour habituelle du jeu de données.</translation>
    </message>
    <message>
        <location filename="../providers/cache.py" line="296" />
        <source>{error} Using the cached copy retrieved on {date}.</source>
        <translation>{error} Utilisation de la copie en cache récupérée le {date}.</translation>
    </message>
</context>
<context>
    <name>FetchAdminBoundaries</name>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="40" />
        <source>Fetch administrative boundaries</source>
        <translation>Récupérer les limites administratives</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="43" />
        <source>Communes, EPCI, départements or régions of a territory, with population (geo.api.gouv.fr).</source>
        <translation>Communes, EPCI, départements ou régions d'un territoire, avec leur population (geo.api.gouv.fr).</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="46" />
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="53" />
        <source>What to fetch: commune, epci, departement or region.</source>
        <translation>Ce qu'il faut récupérer : commune, epci, departement ou region.</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="55" />
        <source>Code of the territory (empty: whole country)</source>
        <translation>Code du territoire (vide : toute la France)</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="56" />
        <source>A département (78, 2A, 974), an EPCI SIREN (200054781) or a region (with the parent level set to region).</source>
        <translation>Un département (78, 2A, 974), le SIREN d'un EPCI (200054781) ou une région (avec le niveau parent « region »).</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="58" />
        <source>The code is a (empty: guess from the code)</source>
        <translation>Le code est un (vide : déduit du code)</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="66" />
        <source>9 digits are read as an EPCI and 2 or 3 characters as a département; a region must be named.</source>
        <translation>9 chiffres désignent un EPCI et 2 ou 3 caractères un département ; une région doit être indiquée explicitement.</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="68" />
        <source>Administrative boundaries</source>
        <translation>Limites administratives</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="76" />
        <source>Fetching {level} boundaries for '{code}'…</source>
        <translation>Récupération des limites ({level}) pour « {code} »…</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="108" />
        <source>{count} {level} boundaries, population {population}.</source>
        <translation>{count} limites ({level}), population {population}.</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fetch_admin_boundaries.py" line="113" />
        <source>Administrative boundaries: {level} {code}</source>
        <translation>Limites administratives : {level} {code}</translation>
    </message>
</context>
<context>
    <name>GeoApi</name>
    <message>
        <location filename="../providers/geo_api.py" line="54" />
        <source>Cannot tell what territory the code '{code}' is: give a département (2 or 3 characters, e.g. 78, 2A, 974), an EPCI SIREN (9 digits, e.g. 200054781) or set the parent level to region.</source>
        <translation>Impossible de savoir quel territoire désigne le code « {code} » : indiquez un département (2 ou 3 caractères, par ex. 78, 2A, 974), le SIREN d'un EPCI (9 chiffres, par ex. 200054781) ou choisissez le niveau parent « region ».</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="75" />
        <source>the département code (01-95, 2A, 2B, 971-976)</source>
        <translation>le code du département (01-95, 2A, 2B, 971-976)</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="76" />
        <source>the SIREN code (9 digits)</source>
        <translation>le code SIREN (9 chiffres)</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="77" />
        <source>the region code (2 digits, e.g. 11, 84)</source>
        <translation>le code de la région (2 chiffres, par ex. 11, 84)</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="79" />
        <source>no {level} found for {parent} {code}: check {hint}</source>
        <translation>aucun {level} trouvé pour {parent} {code} : vérifiez {hint}</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="145" />
        <source>{service} sent an answer that is not GeoJSON: check the service address in the plugin options.</source>
        <translation>{service} a renvoyé une réponse qui n'est pas du GeoJSON : vérifiez l'adresse du service dans les options de l'extension.</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="156" />
        <source>{service} sent an answer that is not a list: check the service address in the plugin options.</source>
        <translation>{service} a renvoyé une réponse qui n'est pas une liste : vérifiez l'adresse du service dans les options de l'extension.</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="232" />
        <source>Unknown level '{level}': use one of {levels}.</source>
        <translation>Niveau « {level} » inconnu : utilisez l'un de {levels}.</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="237" />
        <source>Unknown parent level '{parent}': use one of {levels}.</source>
        <translation>Niveau parent « {parent} » inconnu : utilisez l'un de {levels}.</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="241" />
        <source>Give the code of the {parent}, or no parent level for the whole country.</source>
        <translation>Indiquez le code du {parent}, ou aucun niveau parent pour toute la France.</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="252" />
        <source>An EPCI does not contain {level}s: choose a département or region as the parent.</source>
        <translation>Un EPCI ne contient pas de {level} : choisissez un département ou une région comme parent.</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="254" />
        <source>A département does not contain regions: choose the region itself as the parent (parent level: region).</source>
        <translation>Un département ne contient pas de région : choisissez la région elle-même comme parent (niveau parent : region).</translation>
    </message>
    <message>
        <location filename="../providers/geo_api.py" line="266" />
        <source>The service returned no {level}.</source>
        <translation>Le service n'a renvoyé aucun {level}.</translation>
    </message>
</context>
<context>
    <name>Http</name>
    <message>
        <location filename="../providers/http.py" line="94" />
        <source>Cancelled by the user.</source>
        <translation>Annulé par l'utilisateur.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="107" />
        <source>{service}: {problem} (URL: {url}). {hint}</source>
        <translation>{service} : {problem} (URL : {url}). {hint}</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="314" />
        <source>the proxy refused or failed the connection ({error})</source>
        <translation>le proxy a refusé ou fait échouer la connexion ({error})</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="314" />
        <source>Check the proxy in QGIS Settings &gt; Options &gt; Network.</source>
        <translation>Vérifiez le proxy dans Préférences &gt; Options &gt; Réseau de QGIS.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="326" />
        <source>no answer within the time limit</source>
        <translation>aucune réponse dans le délai imparti</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="326" />
        <source>the service could not be reached</source>
        <translation>le service est injoignable</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="331" />
        <source>Check the network connection and the service address in the plugin options, or turn on offline mode to use the cache.</source>
        <translation>Vérifiez la connexion réseau et l'adresse du service dans les options de l'extension, ou activez le mode hors ligne pour utiliser le cache.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="361" />
        <source>HTTP {status}</source>
        <translation>HTTP {status}</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="365" />
        <source>The service limits the request rate: wait a minute and run again.</source>
        <translation>Le service limite le nombre de requêtes : attendez une minute puis relancez.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="367" />
        <source>The service is failing or down: try again later, or use offline mode with the cache.</source>
        <translation>Le service est en panne ou indisponible : réessayez plus tard, ou utilisez le mode hors ligne avec le cache.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="369" />
        <source>Access was refused: check the credentials (authentication configuration) for this service.</source>
        <translation>Accès refusé : vérifiez les identifiants (configuration d'authentification) de ce service.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="371" />
        <source>Nothing exists at this address: check the code or identifier you asked for.</source>
        <translation>Rien n'existe à cette adresse : vérifiez le code ou l'identifiant demandé.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="373" />
        <source>The request was refused: check the parameters you gave.</source>
        <translation>La requête a été refusée : vérifiez les paramètres fournis.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="409" />
        <source>the file is larger than the {limit} MB allowed</source>
        <translation>le fichier dépasse les {limit} Mo autorisés</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="409" />
        <source>Download it yourself and give the local file instead.</source>
        <translation>Téléchargez-le vous-même et indiquez plutôt le fichier local.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="421" />
        <source>the download was interrupted</source>
        <translation>le téléchargement a été interrompu</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="421" />
        <source>Try again; if it keeps failing, the service may be overloaded.</source>
        <translation>Réessayez ; si l'échec persiste, le service est peut-être surchargé.</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="437" />
        <source>the answer is not valid JSON</source>
        <translation>la réponse n'est pas du JSON valide</translation>
    </message>
    <message>
        <location filename="../providers/http.py" line="437" />
        <source>The service may be failing or the address may point elsewhere: check the service address in the plugin options.</source>
        <translation>Le service est peut-être en panne ou l'adresse pointe ailleurs : vérifiez l'adresse du service dans les options de l'extension.</translation>
    </message>
</context>
<context>
    <name>TerritorialAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/base.py" line="89" />
        <source>Source: {title} — {producer}. Vintage: {vintage}. Retrieved: {date}.</source>
        <translation>Source : {title} — {producer}. Millésime : {vintage}. Récupéré le : {date}.</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="157" />
        <source>Data sources</source>
        <translation>Sources de données</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="158" />
        <source>Mobility flows</source>
        <translation>Flux de mobilité</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="159" />
        <source>Networks</source>
        <translation>Réseaux</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="160" />
        <source>Maps</source>
        <translation>Cartes</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="189" />
        <source>Licence: {licence}.</source>
        <translation>Licence : {licence}.</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="194" />
        <source>Sources and licences</source>
        <translation>Sources et licences</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="212" />
        <source>Cancelled: nothing was written.</source>
        <translation>Annulé : rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="279" />
        <source>Could not store the style in the GeoPackage: {error}</source>
        <translation>Impossible d'enregistrer le style dans le GeoPackage : {error}</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="291" />
        <source>Could not store the metadata in the GeoPackage: {error}</source>
        <translation>Impossible d'enregistrer les métadonnées dans le GeoPackage : {error}</translation>
    </message>
</context>
<context>
    <name>TerritorialBrowser</name>
    <message>
        <location filename="../ui/browser.py" line="33" />
        <source>Administrative boundaries</source>
        <translation>Limites administratives</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="60" />
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="67" />
        <source>Territorial data</source>
        <translation>Données territoriales</translation>
    </message>
</context>
<context>
    <name>TerritorialDataPlugin</name>
    <message>
        <location filename="../ui/gui.py" line="27" />
        <source>&amp;Territorial data</source>
        <translation>&amp;Données territoriales</translation>
    </message>
    <message>
        <location filename="../ui/gui.py" line="39" />
        <source>Processing algorithms…</source>
        <translation>Algorithmes de traitement…</translation>
    </message>
    <message>
        <location filename="../ui/gui.py" line="39" />
        <source>Options…</source>
        <translation>Options…</translation>
    </message>
</context>
<context>
    <name>TerritorialOptions</name>
    <message>
        <location filename="../ui/options.py" line="36" />
        <source>Address geocoding (BAN, Géoplateforme)</source>
        <translation>Géocodage d'adresses (BAN, Géoplateforme)</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="37" />
        <source>Administrative boundaries (geo.api.gouv.fr)</source>
        <translation>Limites administratives (geo.api.gouv.fr)</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="38" />
        <source>Company search (SIRENE)</source>
        <translation>Recherche d'entreprises (SIRENE)</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="39" />
        <source>INSEE Sirene API</source>
        <translation>API Sirene de l'INSEE</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="40" />
        <source>data.gouv.fr API</source>
        <translation>API data.gouv.fr</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="41" />
        <source>transport.data.gouv.fr API</source>
        <translation>API transport.data.gouv.fr</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="42" />
        <source>IGN Géoplateforme WFS</source>
        <translation>WFS de la Géoplateforme IGN</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="62" />
        <source>Service addresses</source>
        <translation>Adresses des services</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="73" />
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="80" />
        <source>Cache folder</source>
        <translation>Dossier du cache</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="115" />
        <source>Clear the cache</source>
        <translation>Vider le cache</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="89" />
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="90" />
        <source>Offline mode: use only the cache, never the network</source>
        <translation>Mode hors ligne : utiliser uniquement le cache, jamais le réseau</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="101" />
        <source>Set by the environment variable {name}.</source>
        <translation>Fixé par la variable d'environnement {name}.</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="108" />
        <source>{size} in {count} entries</source>
        <translation>{size} en {count} entrées</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="115" />
        <source>Delete every cached answer and file in {folder}?</source>
        <translation>Supprimer toutes les réponses et tous les fichiers en cache dans {folder} ?</translation>
    </message>
    <message>
        <location filename="../ui/options.py" line="136" />
        <source>Territorial data</source>
        <translation>Données territoriales</translation>
    </message>
</context>
<context>
    <name>TerritorialProvider</name>
    <message>
        <location filename="../processing/provider.py" line="40" />
        <source>Territorial data</source>
        <translation>Données territoriales</translation>
    </message>
    <message>
        <location filename="../processing/provider.py" line="43" />
        <source>Territorial data (French open data and mobility) {version}</source>
        <translation>Données territoriales (données ouvertes françaises et mobilité) {version}</translation>
    </message>
</context>
</TS>