-- Signals and M-meldingen received in [$van, $tot] per bron. An M-melding not registered as a
-- signal counts under bron meld_misdaad_anoniem; a linked one is already its signal (counted
-- once, see rapport_signalen_en_meldingen).
with eenheden as (

    select bron
    from signalen
    where datum_ontvangst between cast($van as date) and cast($tot as date)

    union all

    select 'meld_misdaad_anoniem' as bron
    from m_meldingen as m
    where m.datum_ontvangst between cast($van as date) and cast($tot as date)
      and not exists (
          select 1 from signalen as s where s.signaal_id = m.gekoppeld_signaal_id
      )

),

final as (

    select bron, count(*) as aantal
    from eenheden
    group by bron
    order by aantal desc, bron

)

select * from final
