-- Open signals on the meeting date, by status: received on or before $vergadering and open
-- (stg_signalen: status neither afgesloten nor doorgezet, as last exported). Every open
-- status is listed, also with zero signals, in the order of the work.
with statussen as (

    select * from (values
        (1, 'nieuw'),
        (2, 'in_onderzoek'),
        (3, 'interventie')
    ) as t (volgorde, status)

),

open_signalen as (

    select status, count(*) as aantal
    from stg_signalen
    where gemeente = $gemeente and datum <= cast($vergadering as date) and open
    group by status

),

final as (

    select s.volgorde, s.status, coalesce(o.aantal, 0) as aantal
    from statussen as s
    left join open_signalen as o using (status)
    order by s.volgorde

)

select * from final
