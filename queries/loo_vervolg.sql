-- Follow-ups decided since the previous meeting: signals discussed from $vorige (so the
-- decisions of the previous meeting itself are reviewed now) up to and including $vergadering,
-- counted per vervolg. A discussed signal without a vervolg yet counts
-- as 'nog_niet_bepaald'. Only the vervolgen that occur are returned.
with besproken as (

    select coalesce(vervolg, 'nog_niet_bepaald') as vervolg
    from signalen
    where datum_besproken_loo >= cast($vorige as date)
      and datum_besproken_loo <= cast($vergadering as date)

),

final as (

    select vervolg, count(*) as aantal
    from besproken
    group by vervolg
    order by aantal desc, vervolg

)

select * from final
