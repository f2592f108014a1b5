-- Signals and M-meldingen received in [$van, $tot] per calendar month (1-12), counted once
-- (see rapport_signalen_en_meldingen). Months without any are absent.
with eenheden as (

    select datum_ontvangst
    from signalen
    where datum_ontvangst between cast($van as date) and cast($tot as date)

    union all

    select m.datum_ontvangst
    from m_meldingen as m
    where m.datum_ontvangst between cast($van as date) and cast($tot as date)
      and not exists (
          select 1 from signalen as s where s.signaal_id = m.gekoppeld_signaal_id
      )

),

final as (

    select cast(month(datum_ontvangst) as integer) as maand, count(*) as aantal
    from eenheden
    group by 1
    order by 1

)

select * from final
