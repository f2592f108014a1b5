-- One measure ($maat) over [$van, $tot] per category of one dimension ($dimensie), or of two
-- ($dimensie2; null for one): thema, bron, wijk, gebied, instrument, domein, uitkomst, branche,
-- vervolg, status or gemeente. A row without a value for the dimension counts under null
-- categorie (the page names it). $thema limits to one thema (null: all). waarde and uniek as
-- in meting.sql. Only categories with at least one counted row are returned.
with metingen as (

    select *
    from fct_metingen
    where maat = $maat
      and datum between cast($van as date) and cast($tot as date)
      and ($thema is null or thema = $thema)

),

ingedeeld as (

    select
        case $dimensie
            when 'thema' then thema when 'bron' then bron when 'wijk' then wijk
            when 'gebied' then gebied when 'instrument' then instrument
            when 'domein' then domein when 'uitkomst' then uitkomst when 'branche' then branche
            when 'vervolg' then vervolg when 'status' then status when 'gemeente' then gemeente
        end as categorie,
        case $dimensie2
            when 'thema' then thema when 'bron' then bron when 'wijk' then wijk
            when 'gebied' then gebied when 'instrument' then instrument
            when 'domein' then domein when 'uitkomst' then uitkomst when 'branche' then branche
            when 'vervolg' then vervolg when 'status' then status when 'gemeente' then gemeente
        end as categorie2,
        coalesce(waarde, 1) as waarde,
        sleutel
    from metingen

),

final as (

    select categorie, categorie2, cast(sum(waarde) as bigint) as waarde,
        count(distinct sleutel) as uniek
    from ingedeeld
    group by categorie, categorie2
    order by categorie, categorie2

)

select * from final
