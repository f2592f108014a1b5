-- Breakdown of indicator bibob_onderzoeken: Bibob investigations in plan year $jaar per domein
-- (one investigation = one handhaving row with instrument bibob_onderzoek). A missing domein is
-- 'onbekend'. Only domains with at least one investigation appear.
with onderzoeken as (

    select coalesce(domein, 'onbekend') as domein
    from handhaving
    where instrument = 'bibob_onderzoek'
      and datum >= make_date(cast($jaar as integer), 1, 1)
      and datum < make_date(cast($jaar as integer) + 1, 1, 1)

),

final as (

    select domein, count(*) as waarde
    from onderzoeken
    group by domein
    order by waarde desc, domein

)

select * from final
