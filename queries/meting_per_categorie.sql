-- One measure ($maat) over [$van, $tot] per category of one dimension ($dimensie), or of two
-- ($dimensie2; null for one), as queries/categorie.sql lists them. A row without a value for the dimension counts under null
-- categorie (the page names it). $thema limits to one thema (null: all). waarde and uniek as
-- in meting.sql. Only categories with at least one counted row are returned.
with metingen as (

    select *
    from fct_metingen
    where maat = $maat
      and datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente
      and ($thema is null or thema = $thema)

),

ingedeeld as (

    select
        categorie($dimensie, metingen) as categorie,
        categorie($dimensie2, metingen) as categorie2,
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
