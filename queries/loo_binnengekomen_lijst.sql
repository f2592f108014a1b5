-- The pseudonymised list of signals received since the previous meeting: after $vorige up to
-- and including $vergadering (the half-open interval of stg_vergaderingen). Only columns
-- without personal data; bounded by $limiet rows.
with nieuw as (

    select signaal_id, datum as datum_ontvangst, bron, thema, wijk, status
    from stg_signalen
    where gemeente = $gemeente
      and datum > cast($vorige as date)
      and datum <= cast($vergadering as date)

),

final as (

    select *
    from nieuw
    order by datum_ontvangst, signaal_id
    limit $limiet

)

select * from final
