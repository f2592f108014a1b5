-- Opiumwet 13b closures in [$van, $tot], per day: the data's own events on the trend lines.
with sluitingen as (

    select datum, count(*) as aantal
    from stg_handhaving
    where instrument = 'opiumwet_13b_sluiting'
      and gemeente = $gemeente
      and datum between cast($van as date) and cast($tot as date)
    group by datum

),

final as (

    select datum, aantal
    from sluitingen
    order by datum

)

select * from final
