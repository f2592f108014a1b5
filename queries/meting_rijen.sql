-- The rows behind a figure: the records that measures ($maten, added together) count over
-- [$van, $tot], for the categories $categorieen of dimension $dimensie (null: every row), plus
-- the rows without a value for it when $leeg. Read from fct_metingen itself, so the rows follow
-- the figure's counting rule and add up to it. Only pseudonymised contract columns; at most
-- $limiet rows, with the full number in totaal (the page says when it shows fewer).
with metingen as (

    select maat, id, datum, thema, bron, wijk, gebied, instrument, branche,
        categorie($dimensie, fct_metingen) as categorie
    from fct_metingen
    where list_contains($maten, maat)
      and datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente

),

gekozen as (

    select *
    from metingen
    where $dimensie is null
       or list_contains($categorieen, categorie)
       or ($leeg and categorie is null)

),

final as (

    select maat, id, datum, thema, bron, wijk, gebied, instrument, branche,
        count(*) over () as totaal
    from gekozen
    order by datum, maat, id
    limit $limiet

)

select * from final
