"""The administration window: users, chairs, protocols and clinic settings
(``chairlog.ui.admin.dialog.AdminDialog``). Every change goes through the services, which
enforce the admin role and write the audit trail; these widgets only collect and show."""
