-- How registrations in [$van, $tot] are spread over opkopers, without naming any: the number
-- of opkopers, registrations, the share of the largest opkoper and of the largest three, and
-- the median number of registrations per opkoper. Shares are 0..1; null when nothing registered.
-- grootste and top3 are the counts behind the shares: the page needs them to hide a share that
-- would reveal a small count (1..4) of one opkoper to the manager role.
with per_opkoper as (

    select opkoper_pseudoniem, count(*) as registraties
    from stg_dol_registraties
    where datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente
    group by opkoper_pseudoniem

),

gerangschikt as (

    select registraties, row_number() over (order by registraties desc) as rang
    from per_opkoper

),

final as (

    select
        count(*) as opkopers,
        cast(coalesce(sum(registraties), 0) as bigint) as registraties,
        max(registraties) / sum(registraties) as aandeel_grootste,
        sum(registraties) filter (where rang <= 3) / sum(registraties) as aandeel_top3,
        median(registraties) as mediaan_per_opkoper,
        max(registraties) as grootste,
        cast(sum(registraties) filter (where rang <= 3) as bigint) as top3
    from gerangschikt

)

select * from final
