-- Theme labels that config/themas.yaml does not map yet, per source, with how many rows carry
-- each label. Such rows are loaded with thema = 'onbekend' and the label kept in thema_bron;
-- a label disappears from this list once the mapping covers it and the rows are re-mapped.
with signalen as (
    select 'signalen' as bron, thema_bron
    from signalen
    where thema = 'onbekend'
),

m_meldingen as (
    select 'm_meldingen' as bron, thema_bron
    from m_meldingen
    where thema = 'onbekend'
),

handhaving as (
    select 'handhaving' as bron, thema_bron
    from handhaving
    where thema = 'onbekend'
),

unioned as (
    select * from signalen
    union all
    select * from m_meldingen
    union all
    select * from handhaving
),

final as (
    select
        bron,
        thema_bron as label,
        count(*) as rijen
    from unioned
    group by bron, thema_bron
    order by rijen desc, bron, label
)

select * from final
