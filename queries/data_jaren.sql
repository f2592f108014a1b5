-- The years that have data in any event source, with the newest date within each year.
-- The period filter offers these years; the newest date decides whether a year is unfinished.
with datums as (
    select datum_ontvangst as datum from signalen
    union all select datum_ontvangst from m_meldingen
    union all select datum from handhaving
    union all select datum_registratie from dol_registraties
),

final as (
    select cast(year(datum) as integer) as jaar, max(datum) as nieuwste_datum
    from datums
    where datum is not null
    group by 1
    order by 1
)

select * from final
