-- Open signals (as in loo_open_status) by age: whole days from receipt to $vergadering.
-- Buckets: 0-29, 30-89, 90-179 and 180 days or more. Every bucket is listed, also when empty.
with buckets as (

    select * from (values
        (1, 'minder dan 30 dagen', 0, 30),
        (2, '30 tot 90 dagen', 30, 90),
        (3, '90 tot 180 dagen', 90, 180),
        (4, '180 dagen of meer', 180, 1000000)
    ) as t (volgorde, leeftijd, van_dagen, tot_dagen)

),

open_signalen as (

    select date_diff('day', datum, cast($vergadering as date)) as dagen
    from stg_signalen
    where gemeente = $gemeente and datum <= cast($vergadering as date) and open

),

final as (

    select b.volgorde, b.leeftijd, count(o.dagen) as aantal
    from buckets as b
    left join open_signalen as o
        on o.dagen >= b.van_dagen and o.dagen < b.tot_dagen
    group by b.volgorde, b.leeftijd
    order by b.volgorde

)

select * from final
