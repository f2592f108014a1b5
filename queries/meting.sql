-- The value of each measure in $maten over [$van, $tot] (inclusive dates), for one thema or
-- every thema ($thema null). waarde adds up (counts, goods); uniek counts distinct keys
-- (opkopers, meetings): dashboard.measures takes the one its measure names. A measure without
-- rows in the period is listed with 0.
with metingen as (

    select maat, coalesce(waarde, 1) as waarde, sleutel
    from fct_metingen
    where list_contains($maten, maat)
      and datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente
      and ($thema is null or thema = $thema)

),

gemeten as (

    select maat, cast(sum(waarde) as bigint) as waarde, count(distinct sleutel) as uniek
    from metingen
    group by maat

),

final as (

    select m.maat, coalesce(g.waarde, 0) as waarde, coalesce(g.uniek, 0) as uniek
    from unnest($maten) as m(maat)
    left join gemeten as g using (maat)

)

select * from final
