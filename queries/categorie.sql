-- categorie(d, rij): the value of dimension d ('thema', 'bron', 'wijk', 'gebied', 'instrument',
-- 'domein', 'uitkomst', 'branche', 'vervolg', 'status' or 'gemeente') of a row of fct_metingen,
-- passed whole (the table alias); null for another d. The one list of the dimensions that the
-- generic queries cut a measure by (dashboard.measures checks d against the measure).
create macro categorie(d, rij) as
    case d
        when 'thema' then rij.thema when 'bron' then rij.bron when 'wijk' then rij.wijk
        when 'gebied' then rij.gebied when 'instrument' then rij.instrument
        when 'domein' then rij.domein when 'uitkomst' then rij.uitkomst
        when 'branche' then rij.branche when 'vervolg' then rij.vervolg
        when 'status' then rij.status when 'gemeente' then rij.gemeente
    end
