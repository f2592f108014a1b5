-- What came in since the previous meeting: received after $vorige up to and including
-- $vergadering (days, both dates inclusive on the right side only).
-- Counting rule: an M-melding linked to an existing signal (gekoppeld_signaal_id) is already
-- that signal and counts once, as the signal; M-meldingen without such a link count on top.
-- signalen_en_meldingen = signalen + m_meldingen_los.
with signalen_nieuw as (

    select count(*) as signalen
    from signalen
    where datum_ontvangst > cast($vorige as date)
      and datum_ontvangst <= cast($vergadering as date)

),

meldingen_nieuw as (

    select
        count(*) as m_meldingen,
        count(*) filter (where s.signaal_id is not null) as m_meldingen_gekoppeld,
        count(*) filter (where s.signaal_id is null) as m_meldingen_los
    from m_meldingen as m
    left join signalen as s on s.signaal_id = m.gekoppeld_signaal_id
    where m.datum_ontvangst > cast($vorige as date)
      and m.datum_ontvangst <= cast($vergadering as date)

),

final as (

    select
        signalen,
        m_meldingen,
        m_meldingen_gekoppeld,
        m_meldingen_los,
        signalen + m_meldingen_los as signalen_en_meldingen
    from signalen_nieuw, meldingen_nieuw

)

select * from final
