from django.urls import path

from omkijken.community import views

urlpatterns = [
    path("", views.network_home, name="community_home"),
    path("profiel/", views.profile_edit, name="community_profile"),
    path("maatje/", views.buddy_page, name="community_buddy"),
    path("maatje/stoppen/", views.buddy_withdraw, name="community_buddy_withdraw"),
    path("maatje/koppeling/<int:pk>/beeindigen/", views.buddy_end, name="community_buddy_end"),
    path("coordinatie/<int:pk>/", views.coordination, name="community_coordination"),
    path("coordinatie/<int:pk>/belrooster/", views.checkin_create, name="community_checkin_create"),
    path(
        "coordinatie/maatjesvraag/<int:pk>/bevestigen/", views.buddy_confirm, name="community_buddy_confirm"
    ),
    path("coordinatie/maatjesvraag/<int:pk>/afwijzen/", views.buddy_decline, name="community_buddy_decline"),
    path("coordinatie/voorstel/<int:person_pk>/", views.care_propose, name="community_care_propose"),
    path("belrooster/<int:pk>/gebeld/", views.checkin_log, name="community_checkin_log"),
    path("hulp/", views.help_list, name="community_help"),
    path("hulp/vragen/", views.help_new, name="community_help_new"),
    path("hulp/aanbieden/", views.offer_new, name="community_offer_new"),
    path("hulp/<int:pk>/", views.help_detail, name="community_help_detail"),
    path("hulp/<int:pk>/oppakken/", views.help_claim, name="community_help_claim"),
    path("hulp/<int:pk>/afronden/", views.help_close, name="community_help_close"),
    path("hulp/<int:pk>/intrekken/", views.help_cancel, name="community_help_cancel"),
    path("activiteiten/", views.activity_list, name="community_activities"),
    path("activiteiten/nieuw/", views.activity_new, name="community_activity_new"),
    path("activiteiten/<int:pk>/", views.activity_detail, name="community_activity_detail"),
    path("activiteiten/<int:pk>/aanmelden/", views.activity_signup, name="community_activity_signup"),
    path(
        "activiteiten/<int:pk>/afmelden/<int:signup_pk>/",
        views.activity_signup_cancel,
        name="community_activity_signup_cancel",
    ),
    path("activiteiten/<int:pk>/aanwezig/<int:signup_pk>/", views.attendance, name="community_attendance"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="community_calendar"),
    path("fonds/", views.fund_list, name="community_fund"),
    path("fonds/aanvragen/", views.fund_apply, name="community_fund_apply"),
    path("fonds/rapport/", views.fund_report, name="community_fund_report"),
    path("fonds/<int:pk>/", views.fund_detail, name="community_fund_detail"),
    path("fonds/<int:pk>/besluit/", views.fund_decide, name="community_fund_decide"),
    path("fonds/<int:pk>/uitbetaling/", views.fund_payout, name="community_fund_payout"),
    path("fonds/<int:pk>/bon/", views.receipt_upload, name="community_receipt_upload"),
    path("fonds/bon/<int:pk>/", views.receipt_download, name="community_receipt"),
]
