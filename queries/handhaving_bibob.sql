-- Bibob investigations (instrument bibob_onderzoek) dated in [$van, $tot], per domein and
-- uitkomst. One investigation = one row. A missing domein is 'onbekend'; a missing uitkomst is
-- 'nog_geen_uitkomst' (investigation still running or outcome not exported).
with bibob as (

    select
        coalesce(domein, 'onbekend') as domein,
        coalesce(nullif(trim(uitkomst), ''), 'nog_geen_uitkomst') as uitkomst
    from handhaving
    where instrument = 'bibob_onderzoek'
      and datum between cast($van as date) and cast($tot as date)

),

final as (

    select domein, uitkomst, count(*) as aantal
    from bibob
    group by domein, uitkomst
    order by domein, uitkomst

)

select * from final
