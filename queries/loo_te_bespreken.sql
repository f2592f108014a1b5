-- Signals still waiting to be discussed at the meeting of $vergadering: received on or before
-- that date and not discussed before it (datum_besproken_loo empty or later than the meeting).
-- Pseudonymised columns only; bounded by $limiet rows, oldest first.
-- The count over all waiting signals is in the column totaal (same on every row).
with wachtend as (

    select signaal_id, datum as datum_ontvangst, bron, thema, wijk, status,
        date_diff('day', datum, cast($vergadering as date)) as dagen_wachtend
    from stg_signalen
    where gemeente = $gemeente
      and datum <= cast($vergadering as date)
      and (datum_besproken_loo is null or datum_besproken_loo > cast($vergadering as date))

),

final as (

    select *, count(*) over () as totaal
    from wachtend
    order by datum_ontvangst, signaal_id
    limit $limiet

)

select * from final
