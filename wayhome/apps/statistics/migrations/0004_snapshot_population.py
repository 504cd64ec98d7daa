"""Populations fixed per snapshot and recipient. The latest snapshot taken before this
migration gets the agreements that were in force when it was taken (what every release
from it counted; an agreement ended since then makes the recipient's figures withheld
until the next snapshot, as it would have had the population been recorded then);
earlier snapshots are no longer released from. Snapshots taken on first use in a month
are one per month; population keys are text (any number of organisations)."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q


def record_latest(apps: Any, schema_editor: Any) -> None:
    Snapshot = apps.get_model("statistics", "Snapshot")
    SharingAgreement = apps.get_model("statistics", "SharingAgreement")
    SnapshotPopulation = apps.get_model("statistics", "SnapshotPopulation")
    snapshot = Snapshot.objects.order_by("-taken_at", "-id").first()
    if snapshot is None:
        return
    by_recipient: dict[Any, set[int]] = {}
    in_force = SharingAgreement.objects.filter(created_at__lte=snapshot.taken_at).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=snapshot.taken_at))
    for recipient, holder in in_force.values_list("recipient_id", "holder_id"):
        by_recipient.setdefault(recipient, set()).add(holder)
        by_recipient.setdefault(None, set()).add(holder)
    SnapshotPopulation.objects.bulk_create(
        SnapshotPopulation(snapshot=snapshot, recipient_id=recipient,
                           holders="orgs:" + ",".join(str(h) for h in sorted(holders)))
        for recipient, holders in by_recipient.items())


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("statistics", "0003_casefact_recruitment_exit"),
    ]

    operations = [
        migrations.CreateModel(
            name="SnapshotPopulation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("holders", models.TextField()),
                ("changed", models.BooleanField(default=False)),
                ("recipient", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                    related_name="+", to="accounts.organisation")),
                ("snapshot", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="populations",
                    to="statistics.snapshot")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("recipient__isnull", False)),
                                            fields=("snapshot", "recipient"),
                                            name="statistics_one_population_per_recipient"),
                    models.UniqueConstraint(condition=models.Q(("recipient__isnull", True)),
                                            fields=("snapshot",),
                                            name="statistics_one_export_population"),
                ],
            },
        ),
        migrations.AddField(
            model_name="snapshot",
            name="automatic",
            field=models.BooleanField(default=False),
        ),
        migrations.AddConstraint(
            model_name="snapshot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("automatic", True)), fields=("epoch",),
                name="statistics_one_automatic_snapshot_a_month"),
        ),
        migrations.AlterField(
            model_name="releasedcell",
            name="population",
            field=models.TextField(),
        ),
        migrations.RunPython(record_latest, migrations.RunPython.noop),
    ]
