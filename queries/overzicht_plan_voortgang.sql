-- Goals of the implementation plan of year $jaar, counted per voortgang (all six values, also 0).
-- A goal without a voortgang counts as niet_gestart: nothing has been reported yet.
with voortgang as (
    select *
    from (values
        ('niet_gestart', 1), ('in_voorbereiding', 2), ('loopt', 3), ('afgerond', 4),
        ('vertraagd', 5), ('geschrapt', 6)
    ) as v (voortgang, volgorde)
),

doelen as (
    select coalesce(voortgang, 'niet_gestart') as voortgang, count(*) as aantal
    from plan_doelen
    where jaar = $jaar
    group by 1
),

final as (
    select v.voortgang, coalesce(d.aantal, 0) as aantal
    from voortgang as v
    left join doelen as d using (voortgang)
    order by v.volgorde
)

select * from final
