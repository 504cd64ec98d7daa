"""Populations fixed per snapshot and recipient. The latest snapshot taken before this
migration gets the agreements in force now (what every release from it counted until
now); earlier snapshots are no longer released from."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def record_latest(apps: Any, schema_editor: Any) -> None:
    Snapshot = apps.get_model("statistics", "Snapshot")
    SharingAgreement = apps.get_model("statistics", "SharingAgreement")
    SnapshotPopulation = apps.get_model("statistics", "SnapshotPopulation")
    snapshot = Snapshot.objects.order_by("-taken_at", "-id").first()
    if snapshot is None:
        return
    by_recipient: dict[Any, set[int]] = {}
    for recipient, holder in SharingAgreement.objects.filter(
            ended_at__isnull=True).values_list("recipient_id", "holder_id"):
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
                ("holders", models.CharField(max_length=200)),
                ("shrank", models.BooleanField(default=False)),
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
        migrations.RunPython(record_latest, migrations.RunPython.noop),
    ]
