-- One measure ($maat) per month from $van to $tot, every month listed (0 when none), with
-- the running total from $van (cumulatief) and gemeten_tot: the newest date in the exports the
-- measure comes from ($bronnen), i.e. how far the measurement reaches. $thema limits to one
-- thema (null: all). For counts of distinct keys the month values do not add up: only
-- measures that add up (dashboard.measures) are asked for per month.
with maanden as (

    select cast(range as date) as maand
    from range(cast(date_trunc('month', cast($van as date)) as timestamp),
               cast(cast($tot as date) as timestamp) + interval 1 day, interval 1 month)

),

per_maand as (

    select cast(date_trunc('month', datum) as date) as maand,
        cast(sum(coalesce(waarde, 1)) as bigint) as waarde
    from fct_metingen
    where maat = $maat
      and datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente
      and ($thema is null or thema = $thema)
    group by 1

),

bereik as (

    select max(nieuwste_datum) as gemeten_tot
    from stg_bronnen_gemeente
    where list_contains($bronnen, bron) and gemeente = $gemeente

),

final as (

    select
        m.maand,
        coalesce(p.waarde, 0) as waarde,
        cast(sum(coalesce(p.waarde, 0)) over (order by m.maand) as bigint) as cumulatief,
        b.gemeten_tot
    from maanden as m
    left join per_maand as p using (maand)
    cross join bereik as b
    order by m.maand

)

select * from final
