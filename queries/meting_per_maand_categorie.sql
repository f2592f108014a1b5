-- One measure ($maat) per year, month and category of one dimension ($dimensie, as in
-- queries/categorie.sql) over [$van, $tot]. Rows without a value for the dimension count under
-- null categorie. Only months and categories with at least one counted row are returned; the
-- year comparison adds months up to its windows, and protects this table (the finest one) once
-- for the roles that see small counts shielded (dashboard.jaarvergelijking).
with metingen as (

    select
        year(datum) as jaar,
        month(datum) as maand,
        categorie($dimensie, fct_metingen) as categorie,
        coalesce(waarde, 1) as waarde
    from fct_metingen
    where maat = $maat
      and datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente

),

final as (

    select jaar, maand, categorie, cast(sum(waarde) as bigint) as waarde
    from metingen
    group by jaar, maand, categorie
    order by jaar, maand, categorie

)

select * from final
