-- The years that have data in any event source (stg_datums, from the contract's sources), with
-- the newest date within each year. The period filter offers these years; the newest date
-- decides whether a year is unfinished.
with datums as (

    select datum from stg_datums where datum is not null and gemeente = $gemeente

),

final as (

    select cast(year(datum) as integer) as jaar, max(datum) as nieuwste_datum
    from datums
    group by 1
    order by 1

)

select * from final
