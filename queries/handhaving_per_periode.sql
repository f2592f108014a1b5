-- Handhaving actions over time: per $deel ('month' or 'quarter') and instrument, for actions
-- dated in [$van, $tot] (inclusive). One action = one row of the handhaving export.
-- Only periods with at least one action are returned; periode is the first day of the period.
with acties as (

    select cast(date_trunc($deel, datum) as date) as periode, instrument
    from handhaving
    where datum between cast($van as date) and cast($tot as date)

),

final as (

    select periode, instrument, count(*) as aantal
    from acties
    group by periode, instrument
    order by periode, instrument

)

select * from final
