-- Signals and M-meldingen received in [$van, $tot] per canonical thema (counted once, see
-- rapport_signalen_en_meldingen). A theme the mapping does not know is 'onbekend'.
with eenheden as (

    select coalesce(thema, 'onbekend') as thema
    from signalen
    where datum_ontvangst between cast($van as date) and cast($tot as date)

    union all

    select coalesce(m.thema, 'onbekend') as thema
    from m_meldingen as m
    where m.datum_ontvangst between cast($van as date) and cast($tot as date)
      and not exists (
          select 1 from signalen as s where s.signaal_id = m.gekoppeld_signaal_id
      )

),

final as (

    select thema, count(*) as aantal
    from eenheden
    group by thema
    order by aantal desc, thema

)

select * from final
