-- The pseudonymised list of signals received since the previous meeting (same window as
-- loo_binnengekomen_telling). Only columns without personal data; bounded by $limiet rows.
with nieuw as (

    select signaal_id, datum_ontvangst, bron, thema, wijk, status
    from signalen
    where datum_ontvangst > cast($vorige as date)
      and datum_ontvangst <= cast($vergadering as date)

),

final as (

    select *
    from nieuw
    order by datum_ontvangst, signaal_id
    limit $limiet

)

select * from final
