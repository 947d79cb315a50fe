"""JSON API v1 of the SKM app: the IKM per unit and period, for dashboards and spreadsheets."""
