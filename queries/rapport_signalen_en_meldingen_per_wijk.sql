-- Signals and M-meldingen received in [$van, $tot] per wijk (counted once, see
-- rapport_signalen_en_meldingen); no wijk is 'onbekend'. These counts are below the
-- municipality: the report shows 1 to 4 as "<5" (sentences.onderdrukt), never the raw count.
with eenheden as (

    select coalesce(nullif(trim(wijk), ''), 'onbekend') as wijk
    from signalen
    where datum_ontvangst between cast($van as date) and cast($tot as date)

    union all

    select coalesce(nullif(trim(m.wijk), ''), 'onbekend') as wijk
    from m_meldingen as m
    where m.datum_ontvangst between cast($van as date) and cast($tot as date)
      and not exists (
          select 1 from signalen as s where s.signaal_id = m.gekoppeld_signaal_id
      )

),

final as (

    select wijk, count(*) as aantal
    from eenheden
    group by wijk
    order by wijk = 'onbekend', wijk

)

select * from final
