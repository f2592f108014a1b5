-- M-meldingen (Meld Misdaad Anoniem), one row each, dated by receipt (datum).
-- gekoppeld: the regisseur registered the melding as a signal (gekoppeld_signaal_id names a
-- signaal that exists). This is the one place of the counting rule's test: a linked melding is
-- that signal and counts once, as the signal (stg_signalen_en_meldingen).
with meldingen as (

    select * from m_meldingen

),

final as (

    select
        m.melding_id,
        m.datum_ontvangst as datum,
        coalesce(m.thema, 'onbekend') as thema,
        nullif(trim(m.wijk), '') as wijk,
        m.gekoppeld_signaal_id,
        m.gemeente,
        exists (select 1 from signalen as s where s.signaal_id = m.gekoppeld_signaal_id
                and s.gemeente is not distinct from m.gemeente)
            as gekoppeld
    from meldingen as m

)

select * from final
