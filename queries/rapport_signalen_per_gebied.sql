-- Signals received in [$van, $tot] per aandachtsgebied (gebied, lower case, e.g. buitengebied,
-- opslagboxen); signals without a gebied are left out. Below the municipality: the report
-- shows 1 to 4 as "<5".
with gebieden as (

    select lower(trim(gebied)) as gebied
    from signalen
    where datum_ontvangst between cast($van as date) and cast($tot as date)
      and nullif(trim(gebied), '') is not null

),

final as (

    select gebied, count(*) as aantal
    from gebieden
    group by gebied
    order by gebied

)

select * from final
