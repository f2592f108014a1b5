-- Administrative actions dated in [$van, $tot] per instrument; one action = one row
-- (a 13b closure, one last onder dwangsom, one APV measure, one Bibob investigation ...).
with acties as (

    select instrument
    from handhaving
    where datum between cast($van as date) and cast($tot as date)

),

final as (

    select instrument, count(*) as aantal
    from acties
    group by instrument
    order by instrument

)

select * from final
