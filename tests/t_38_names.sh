# t_38_names.sh — country names as publications write them (issue 15, item 13):
# the UN short names (UNTERM) without their article in en, fr, es, ru, zh, ar;
# CLDR's in pt, sw, id without "&" and "Congo - Kinshasa" forms; and a profile
# titled with its language's name.

# name LANG ISO3 — the name datasets/names/LANG.csv gives ISO3 (CSV quotes removed).
name() { awk -v c="$2" 'index($0, c ",") == 1 { s = substr($0, 5); gsub(/^"|"$/, "", s); print s }' \
    "$ROOT/datasets/names/$1.csv"; }

t_begin "names: the UN short name without its article in the six UN languages"
while IFS='|' read -r lang iso want; do
    got=$(name "$lang" "$iso")
    expect_eq "$got" "$want" "names/$lang.csv $iso"
done <<'NAMES'
en|COD|Democratic Republic of the Congo
en|KNA|Saint Kitts and Nevis
en|HKG|China, Hong Kong SAR
en|GBR|United Kingdom of Great Britain and Northern Ireland
en|USA|United States of America
en|BOL|Bolivia (Plurinational State of)
en|VEN|Venezuela (Bolivarian Republic of)
en|IRN|Iran (Islamic Republic of)
en|TZA|United Republic of Tanzania
en|PRK|Democratic People’s Republic of Korea
en|GMB|Gambia
en|PSE|State of Palestine
en|CIV|Côte d’Ivoire
en|TUR|Türkiye
fr|COD|République démocratique du Congo
fr|KNA|Saint-Kitts-et-Nevis
fr|HKG|Chine, RAS de Hong Kong
fr|GBR|Royaume-Uni de Grande-Bretagne et d’Irlande du Nord
fr|USA|États-Unis d’Amérique
fr|BOL|Bolivie (État plurinational de)
fr|VEN|Venezuela (République bolivarienne du)
fr|IRN|Iran (République islamique d’)
fr|TZA|République-Unie de Tanzanie
fr|AFG|Afghanistan
fr|NLD|Pays-Bas
es|COD|República Democrática del Congo
es|KNA|Saint Kitts y Nevis
es|USA|Estados Unidos de América
es|BOL|Bolivia (Estado Plurinacional de)
es|VEN|Venezuela (República Bolivariana de)
es|IRN|Irán (República Islámica del)
es|TZA|República Unida de Tanzanía
es|NLD|Países Bajos
es|AFG|Afganistán
ru|COD|Демократическая Республика Конго
ru|GBR|Соединенное Королевство Великобритании и Северной Ирландии
ru|BOL|Боливия (Многонациональное Государство)
ru|TZA|Объединенная Республика Танзания
ru|HKG|Китай, САР Гонконг
ru|VGB|Виргинские острова (Великобритания)
zh|COD|刚果民主共和国
zh|HKG|中国香港特别行政区
zh|USA|美利坚合众国
zh|PRK|朝鲜民主主义人民共和国
zh|VEN|委内瑞拉玻利瓦尔共和国
ar|COD|جمهورية الكونغو الديمقراطية
ar|IRN|جمهورية إيران الإسلامية
ar|VEN|جمهورية فنزويلا البوليفارية
ar|BOL|دولة بوليفيا المتعددة القوميات
ar|GNB|غينيا بيساو
ar|TLS|تيمور ليشتي
ar|USA|الولايات المتحدة الأمريكية
es|HKG|China, RAE de Hong Kong
es|GBR|Reino Unido de Gran Bretaña e Irlanda del Norte
es|PRK|República Popular Democrática de Corea
ru|KNA|Сент-Китс и Невис
ru|USA|Соединенные Штаты Америки
ru|VEN|Венесуэла (Боливарианская Республика)
ru|IRN|Иран (Исламская Республика)
ru|PRK|Корейская Народно-Демократическая Республика
zh|KNA|圣基茨和尼维斯
zh|GBR|大不列颠及北爱尔兰联合王国
zh|BOL|多民族玻利维亚国
zh|IRN|伊朗伊斯兰共和国
zh|TZA|坦桑尼亚联合共和国
ar|KNA|سانت كيتس ونيفس
ar|HKG|الصين، منطقة هونغ كونغ الإدارية الخاصة
ar|GBR|المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية
ar|TZA|جمهورية تنزانيا المتحدة
ar|PRK|جمهورية كوريا الشعبية الديمقراطية
NAMES
t_end

t_begin "names: CLDR's short name in pt, sw, id, with 'and' for '&' and no 'Congo - Kinshasa'"
while IFS='|' read -r lang iso want; do
    got=$(name "$lang" "$iso")
    expect_eq "$got" "$want" "names/$lang.csv $iso"
done <<'NAMES'
pt|KNA|São Cristóvão e Névis
pt|COD|República Democrática do Congo
pt|COG|República do Congo
pt|BIH|Bósnia e Herzegovina
pt|USA|Estados Unidos
sw|COD|Jamhuri ya Kidemokrasia ya Kongo
sw|COG|Jamhuri ya Kongo
sw|TZA|Tanzania
id|COD|Republik Demokratik Kongo
id|COG|Republik Kongo
id|KNA|Saint Kitts dan Nevis
id|TTO|Trinidad dan Tobago
pt|HKG|Hong Kong, RAE da China
pt|GBR|Reino Unido
pt|IRN|Irã
pt|PRK|Coreia do Norte
sw|KNA|St. Kitts na Nevis
sw|GBR|Ufalme wa Muungano
sw|USA|Marekani
sw|PRK|Korea Kaskazini
id|HKG|Hong Kong DAK Tiongkok
id|GBR|Inggris Raya
id|USA|Amerika Serikat
id|PRK|Korea Utara
NAMES
t_end

t_begin "names: no name in any language holds '&', ' - ', an ASCII apostrophe or UNTERM's article"
for f in "$ROOT"/datasets/names/*.csv; do
    bad=$(grep -nE '&| - |'"'"'| \((the|l’|le|la|les|el|los|las)\)"?$| \*"?$' "$f")
    [ -z "$bad" ] || t_fail "$(basename "$f"): $bad"
    rows=$(($(wc -l <"$f") - 1))
    expect_eq "$rows" 215 "$(basename "$f") rows"
done
t_end

t_begin "names: the generator writes them so (generate.py --check --sources changes nothing)"
run /usr/bin/python3 "$ROOT/datasets/tools/generate.py" --check --sources
expect_status 0
expect_eq "$OUT" "datasets up to date (16 files)" "generate.py --check"
t_end

t_begin "names: a profile's title is its language's name (fr COD, es USA, en GBR)"
for case in "fr COD République démocratique du Congo" "es USA Estados Unidos de América" \
            "en GBR United Kingdom of Great Britain and Northern Ireland"; do
    set -- $case
    lang=$1 iso=$2; shift 2
    run $SSWR profile "$iso" --lang "$lang" -o "$TMPROOT/names-$iso-$lang.pdf"
    expect_status 0
    text=$(pdftotext -enc UTF-8 -f 1 -l 1 "$TMPROOT/names-$iso-$lang.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ')
    grep -qF -- "$*" <<<"$text" || t_fail "$lang $iso: page 1 lacks '$*': $(head -c 300 <<<"$text")"
done
t_end
