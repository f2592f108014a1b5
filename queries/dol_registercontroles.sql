-- Register checks (handhaving instrument registercontrole_dol_dor) dated in [$van, $tot], per
-- uitkomst. One check = one row; a missing uitkomst is 'nog_geen_uitkomst'.
with controles as (

    select coalesce(nullif(trim(uitkomst), ''), 'nog_geen_uitkomst') as uitkomst
    from handhaving
    where instrument = 'registercontrole_dol_dor'
      and datum between cast($van as date) and cast($tot as date)

),

final as (

    select uitkomst, count(*) as aantal
    from controles
    group by uitkomst
    order by aantal desc, uitkomst

)

select * from final
