-- Per gemeente and thema, the value of each measure in $maten over [$van, $tot], for the
-- district page: aggregates only, never a record. Only measures that add up are asked for
-- (dashboard.measures.per_gemeente); the page shields other gemeenten's small counts
-- (dashboard.suppression) before anything is shown.
with metingen as (

    select gemeente, maat, coalesce(thema, 'onbekend') as thema, coalesce(waarde, 1) as waarde
    from fct_metingen
    where list_contains($maten, maat)
      and datum between cast($van as date) and cast($tot as date)

),

final as (

    select gemeente, maat, thema, cast(sum(waarde) as bigint) as waarde
    from metingen
    group by gemeente, maat, thema
    order by gemeente, maat, thema

)

select * from final
