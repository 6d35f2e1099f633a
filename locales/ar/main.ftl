app-name = بوابة تنسيق مكافحة الإرهاب
app-short = بوابة مكافحة الإرهاب
skip-to-content = الانتقال إلى المحتوى الرئيسي
nav-label = القائمة الرئيسية
nav-dashboard = لوحة المتابعة
nav-reports = تقارير الزيارات
nav-needs = احتياجات المساعدة
nav-projects = المشاريع
nav-matches = المطابقات
nav-consultations = المشاورات
nav-calendar = التقويم
nav-documents = الوثائق
nav-messages = الرسائل
nav-admin = الإدارة
nav-account = حسابي
signed-in-as = مسجَّل الدخول باسم
sign-out = تسجيل الخروج
language = اللغة
language-change = تغيير
lang-en = English
lang-fr = Français
footer-note = نظام مقيَّد. يقتصر استخدامه على جهات الاتصال المعيَّنة والموظفين المأذون لهم؛ ويُسجَّل كل نشاط.
login-title = تسجيل الدخول
login-intro = سجِّل الدخول بالحساب الذي أنشأته لك جهة الاتصال في منظمتك أو أحد مديري المنصة.
login-email = عنوان البريد الإلكتروني
login-password = كلمة المرور
login-totp = رمز المصادقة الثنائية
login-totp-hint = ستة أرقام من تطبيق المصادقة، أو أحد رموز الاسترداد الخاصة بك.
login-submit = تسجيل الدخول
login-failed = عنوان البريد الإلكتروني أو كلمة المرور غير صحيحين.
login-throttled = { $minutes ->
    [zero] محاولات فاشلة كثيرة جداً. أعد المحاولة بعد { $minutes } دقيقة.
    [one] محاولات فاشلة كثيرة جداً. أعد المحاولة بعد دقيقة واحدة.
    [two] محاولات فاشلة كثيرة جداً. أعد المحاولة بعد دقيقتين.
    [few] محاولات فاشلة كثيرة جداً. أعد المحاولة بعد { $minutes } دقائق.
    [many] محاولات فاشلة كثيرة جداً. أعد المحاولة بعد { $minutes } دقيقة.
   *[other] محاولات فاشلة كثيرة جداً. أعد المحاولة بعد { $minutes } دقيقة.
}
login-password-set = تم تعيين كلمة المرور. يمكنك الآن تسجيل الدخول.
dashboard-title = لوحة المتابعة
dashboard-welcome = مرحباً، { $name }
dashboard-org = المنظمة
dashboard-role = الدور
dashboard-areas = أقسام البوابة
dashboard-areas-intro = تجمع البوابة ما تتيحه منصة التنسيق.
area-reports = تقارير زيارات التقييم القطري والأجزاء التي وافقت الدول على نشرها.
area-needs = احتياجات المساعدة التقنية المحددة في التقارير والمشاورات.
area-projects = مشاريع المساعدة التي تعرضها كيانات الاتفاق.
area-matches = الاحتياجات المطابَقة مع المشاريع، حتى لا يُغفَل أي منها أو يُكرَّر.
area-consultations = مشاورات بناء القدرات وخطط التنفيذ وما تتضمنه من مقاييس مستهدفة.
area-calendar = التخطيط المشترك: من يفعل ماذا، وأين ومتى.
area-documents = وثائق يجري تقاسمها مع منظمات مختارة.
area-messages = رسائل مقيَّدة موجهة إلى أشخاص ومنظمات.
role-admin = مدير
role-coordinator = منسِّق
role-focal_point = جهة اتصال
role-observer = مراقب
kind-member_state = دولة عضو
kind-compact_entity = كيان من كيانات الاتفاق
kind-coordinator_office = مكتب منسِّق
kind-observer = مراقب
set-password-title = اختر كلمة المرور
set-password-intro = اختر كلمة مرور لا تقل عن 12 حرفاً. ومن الخيارات الجيدة جملة قصيرة يسهل عليك تذكرها.
set-password-new = كلمة المرور الجديدة
set-password-confirm = أعد كتابة كلمة المرور
set-password-submit = حفظ كلمة المرور
set-password-mismatch = كلمتا المرور غير متطابقتين.
set-password-invalid = هذا الرابط غير صالح أو سبق استخدامه أو انتهت صلاحيته. اطلب رابطاً جديداً.
password-too-short = يجب ألا تقل كلمة المرور عن 12 حرفاً.
password-too-long = يجب ألا تزيد كلمة المرور على 128 حرفاً.
error-title = حدث خطأ ما
## What each error code means (`error-<code>`: the codes of the API's error body).
error-bad_request = تعذّر فهم الطلب.
error-unauthenticated = سجِّل الدخول للمتابعة.
error-forbidden = هذا الإجراء غير مسموح به.
error-not_found = لم يُعثر على الصفحة، أو ليس لديك إذن بالوصول إليها.
error-method_not_allowed = لم يُعثر على الصفحة، أو ليس لديك إذن بالوصول إليها.
error-conflict = هذا موجود بالفعل، أو تغيَّر في الأثناء.
error-payload_too_large = ما أرسلته كبير جداً.
error-unsupported_media_type = ما أرسلته ليس بصيغة تقبلها هذه الصفحة.
error-too_many_requests = طلبات كثيرة جداً. انتظر قليلاً ثم أعد المحاولة.
error-internal = حدث خطأ داخلي، وقد سُجِّل.
error-unavailable = الخدمة غير متاحة في الوقت الحالي.
error-invalid_json = تعذّرت قراءة البيانات المرسلة.
error-invalid_query = يتضمن العنوان قيمة غير صالحة.
error-invalid_cursor = رابط هذه الصفحة لم يعد صالحاً. ابدأ من جديد من الصفحة الأولى.
error-invalid_field = أحد الحقول ناقص أو غير صالح.
error-invalid_filter = إحدى قيم عوامل التصفية طويلة جداً أو غير صالحة.
error-invalid_format = صيغة التصدير هذه غير متاحة.
error-invalid_date = أحد التواريخ غير صالح. تُكتب التواريخ بالصيغة YYYY-MM-DD.
error-invalid_year = السنة غير صالحة.
error-empty_change = لم يُقدَّم أي تغيير.
error-csrf = انتهت صلاحية الاستمارة أو أنها لم تصدر عن هذا الموقع. عُد إلى الصفحة السابقة، وأعد تحميلها، ثم أعد المحاولة.
error-invalid_credentials = عنوان البريد الإلكتروني أو كلمة المرور غير صحيحين.
error-invalid_token = هذا الرابط غير صالح أو سبق استخدامه أو انتهت صلاحيته. اطلب رابطاً جديداً.
error-wrong_password = كلمة المرور الحالية غير صحيحة.
error-weak_password = كلمة المرور هذه ضعيفة جداً. اختر كلمة مرور أطول أو أقل شيوعاً.
error-totp_required = يتطلب هذا الحساب رمز المصادقة الثنائية.
error-invalid_totp = رمز المصادقة الثنائية غير صحيح.
error-totp_unavailable = يتعذّر حالياً التحقق من رموز المصادقة الثنائية لهذا الحساب. سجِّل الدخول برمز استرداد أو اطلب المساعدة من أحد المديرين.
error-totp_setup_required = قم أولاً بإعداد المصادقة الثنائية.
error-no_setup = ابدأ أولاً إعداد المصادقة الثنائية.
error-invalid_code = الرمز غير صالح.
error-unsupported_language = هذه اللغة غير متاحة.
error-invalid_email = عنوان البريد الإلكتروني غير صالح.
error-invalid_role = هذا الدور غير موجود.
error-invalid_kind = هذا النوع من المنظمات غير موجود.
error-invalid_name = يلزم اسم يتراوح طوله بين حرف واحد و200 حرف.
error-invalid_regional_group = اسم المجموعة الإقليمية طويل جداً.
error-invalid_mail_mode = اختر رسالة بريد إلكتروني واحدة لكل رسالة أو ملخصاً يومياً واحداً.
error-unknown_working_group = لا يوجد فريق عامل بهذا الرمز.
error-invalid_group_code = يتألف رمز الفريق العامل من 2 إلى 20 حرفاً أو رقماً أو شرطة أو شرطة سفلية.
error-unknown_organisation = لا توجد منظمة بهذا الرمز أو الاسم.
error-inactive_organisation = هذه المنظمة معطَّلة.
error-own_organisation = لا يمكنك تعطيل منظمتك.
error-unknown_member_state = هذا ليس رمزاً لدولة عضو.
error-unknown_programme = هذا ليس رمزاً لبرنامج.
error-unknown_thematic_area = هذا المجال المواضيعي ليس من مجالات البرامج.
error-unknown_report = لا يوجد تقرير يمكنك الاطلاع عليه بهذا المعرِّف.
error-unknown_section = لا يوجد قسم في هذا التقرير بهذا المعرِّف.
error-unknown_need = لا يوجد احتياج يمكنك الاطلاع عليه بهذا المعرِّف.
error-missing_file = اختر ملفاً لتحميله.
error-no_file = أرفق ملفاً واحداً على الأقل.
error-empty_file = الملف فارغ.
error-too_many_files = عدد الملفات كبير جداً في المرة الواحدة.
error-unsupported_file = هذا النوع من الملفات غير مقبول.
error-unknown_recipient = أحد المرسَل إليهم غير معروف أو غير نشط.
error-no_recipient = اختر مرسَلاً إليه واحداً على الأقل.
error-too_many_user_recipients = عدد الأشخاص بين المرسَل إليهم كبير جداً.
error-too_many_organisation_recipients = عدد المنظمات بين المرسَل إليهم كبير جداً.
error-subject_missing = الموضوع مطلوب.
error-subject_too_long = الموضوع طويل جداً.
error-subject_control_characters = يتضمن الموضوع أحرفاً لا يمكن عرضها.
error-body_missing = الرسالة فارغة.
error-body_too_long = الرسالة طويلة جداً.
error-body_control_characters = تتضمن الرسالة أحرفاً لا يمكن عرضها.
error-unknown_currency = هذا ليس رمز عملة وفق المعيار ISO 4217 تعرفه البوابة.
error-invalid_budget = الميزانية مبلغ يساوي صفراً أو أكثر مع بيان عملته.
error-invalid_period = تاريخ الانتهاء يسبق تاريخ البدء.
error-unknown_contact = يجب أن يكون مسؤول الاتصال حساباً نشطاً تابعاً للمنظمة التي تعرض المشروع.
error-unknown_region = هذه ليست منطقة (مجموعة إقليمية من الدول الأعضاء).
error-unknown_measure = هذا التدبير ليس من تدابير الخطة.
error-invalid_value = هذه القيمة لا تناسب التدبير (رقم للتدابير الرقمية، ونص للتدابير النوعية).
error-back-home = العودة إلى لوحة المتابعة
filters = عوامل التصفية
filter-any = الكل
filter-apply = تطبيق عوامل التصفية
filter-reset = مسح
page-next = الصفحة التالية
restricted = مقيَّد
action-edit = تعديل
action-publish = نشر
action-save = حفظ
action-send = إرسال
field-member-state = الدولة العضو
field-regional-group = المجموعة الإقليمية
field-year = السنة
field-programme = البرنامج
field-status = الحالة
field-search = بحث
field-title = العنوان
field-visit-date = تاريخ الزيارة
field-version = الصيغة
field-summary = الموجز
field-heading = عنوان القسم
field-body = نص القسم
field-consent = موافقة الدولة
field-thematic-area = المجال المواضيعي
field-priority = الأولوية
field-description = الوصف
status-draft = مسودة
status-published = منشور
consent-published = منشور
consent-withheld = محجوب
priority-high = عالية
priority-medium = متوسطة
priority-low = منخفضة
need-status-open = مفتوح
need-status-matched = مطابَق
need-status-in_progress = قيد التنفيذ
need-status-addressed = تمت تلبيته
reports-title = تقارير الزيارات
reports-new = تقرير جديد
reports-none = لا يوجد تقرير مطابق.
report-edit-title = تعديل التقرير
report-sections = الأقسام
report-sections-hint = اترك عنوان القسم فارغاً لحذفه. الأقسام المحجوبة لا يطّلع عليها إلا المنسقون والدولة المعنية.
report-no-sections = لا توجد أقسام.
report-versions = الصيغ
report-no-versions = لم يُجرَ أي تعديل منذ النشر.
report-changes = التغييرات
report-readers = من اطّلع على هذا التقرير
report-no-readers = لم يطّلع عليه أحد بعد.
audit-who = من
audit-when = متى (بالتوقيت العالمي المنسق)
audit-from = من
needs-title = احتياجات المساعدة
needs-new = احتياج جديد
needs-none = لا يوجد احتياج مطابق.
needs-export = تصدير بصيغة CSV
need-add-from-section = تسجيل احتياج انطلاقاً من هذا القسم
need-from-report = ستخضع رؤية هذا الاحتياج لقواعد رؤية قسم التقرير الذي ورد فيه.
need-source = المصدر
need-source-report = تقرير الزيارة
need-update = تحديث الاحتياج
need-comments = التعليقات
need-no-comments = لا توجد تعليقات بعد.
need-comment-add = إضافة تعليق
dashboard-figures = أرقام
dashboard-reports-visible = { $count ->
        [one] تقرير زيارة يمكنك الاطلاع عليه
        [two] تقريرا زيارة يمكنك الاطلاع عليهما
       *[other] تقارير زيارات يمكنك الاطلاع عليها
    }
dashboard-open-needs = { $count ->
        [one] احتياج مساعدة مفتوح
        [two] احتياجا مساعدة مفتوحان
       *[other] احتياجات مساعدة مفتوحة
    }
documents-title = الوثائق
documents-upload = تحميل وثيقة
documents-none = لا توجد وثيقة مطابقة.
documents-download = تنزيل
documents-versions = الصيغ
documents-new-version = تحميل صيغة جديدة
documents-downloads = من نزَّل هذه الوثيقة
documents-downloads-csv = تصدير سجل التنزيلات بصيغة CSV
documents-no-downloads = لم يُسجَّل أي تنزيل.
field-tag = وسم
field-tags = الوسوم
field-tags-hint = افصل بين الوسوم بفواصل، مثلاً: مبادئ توجيهية، إدارة الحدود.
field-owner = المنظمة
field-owner-hint = رمز المنظمة أو اسمها، مثلاً UNODC أو كينيا.
field-classification = التصنيف
field-updated = تاريخ التحديث
field-file = الملف
field-file-hint = ملف PDF أو مستند مكتبي أو صورة أو نص عادي أو CSV، لا يتجاوز حجمه { $size } ميغابايت.
field-size = الحجم
field-access = من يحق له الاطلاع عليها
field-access-hint = يحق ذلك دائماً لمنظمتك. ويحق للمنسقين أيضاً الاطلاع على الوثائق المقيَّدة؛ أما الوثائق السرية فلا يطّلعون عليها إلا إذا أُدرجوا.
field-access-orgs = المنظمات
field-access-orgs-hint = رموز المنظمات أو أسماؤها مفصولة بفواصل، مثلاً: KEN, INTERPOL, الأردن.
classification-unrestricted = غير مقيَّد
classification-restricted = مقيَّد
classification-confidential = سري
audience-all_compact_entities = جميع كيانات الاتفاق
audience-all_member_states = جميع الدول الأعضاء
audience-coordinators = المنسقون (مكتب مكافحة الإرهاب، والمديرية التنفيذية للجنة مكافحة الإرهاب)
messages-title = الرسائل
messages-intro = رسائل مقيَّدة بين جهات الاتصال وموظفي الكيانات. لا يغادر محتواها البوابة أبداً: فالبريد الإلكتروني يقتصر على إبلاغ الأشخاص بأن هناك ما ينتظرهم.
messages-new = رسالة جديدة
messages-subject = الموضوع
messages-last-activity = آخر نشاط
messages-unread = غير مقروءة
messages-unread-total = الرسائل غير المقروءة: { $count }
messages-unread-badge = غير مقروءة
messages-restricted = مقيَّدة
messages-older = محادثات أقدم
messages-none = لا توجد رسائل بعد.
messages-back = العودة إلى الرسائل
messages-people = الأشخاص
messages-organisations = المنظمات
messages-read-by = قرأها
messages-read-by-nobody = لم يقرأها أحد غيرك بعد.
messages-reply = ردّ
messages-body = الرسالة
messages-send = إرسال
messages-sent = أُرسلت رسالتك.
messages-to-users = إلى أشخاص (عناوين البريد الإلكتروني)
messages-to-users-hint = عنوان واحد أو أكثر، مفصولة بفواصل أو بأسطر جديدة.
messages-to-organisations = إلى منظمات (الرموز)
messages-to-organisations-hint = رموز أو أسماء مثل KEN أو الأردن، مفصولة بفواصل: يتلقى الرسالة كل مستخدم نشط في المنظمة، بمن فيهم من ينضمون إليها لاحقاً.
messages-restricted-check = مقيَّدة: لا تذكر رسائل الإشعار بالبريد الإلكتروني الموضوع
messages-restricted-hint = لا تُلغِ التحديد إلا إذا جاز أن يظهر الموضوع في البريد الإلكتروني. أما الرسالة نفسها فلا تظهر فيه أبداً.
messages-mail-heading = الإشعارات بالبريد الإلكتروني
messages-mail-legend = أبلغني بالرسائل الجديدة
messages-mail-immediate = برسالة بريد إلكتروني واحدة لكل رسالة
messages-mail-digest = في ملخص يومي واحد
messages-mail-save = حفظ
messages-mail-saved = حُفظ اختيارك بشأن الإشعارات.
messages-error = تعذّر إرسال الرسالة.
messages-error-rate = أرسلت رسائل كثيرة في الدقيقة الأخيرة. انتظر قليلاً ثم أعد المحاولة.
messages-error-observer = لا يمكن لحسابات المراقبين إرسال رسائل.
mail-greeting = تحية طيبة،
mail-new-message-subject = رسالة مقيَّدة بانتظارك
mail-new-message-subject-named = رسالة جديدة: { $subject }
mail-new-message-restricted = رسالة مقيَّدة بانتظارك على بوابة التنسيق.
mail-new-message-named = رسالة جديدة في «{ $subject }» بانتظارك على بوابة التنسيق.
mail-open-link = سجِّل الدخول للاطلاع عليها:
mail-why = تتلقى هذه الرسالة لأنك مشارك في هذه المحادثة. يبقى المحتوى داخل البوابة.
mail-digest-subject = { $count ->
    [zero] { $count } رسالة جديدة على بوابة التنسيق
    [one] رسالة جديدة واحدة على بوابة التنسيق
    [two] رسالتان جديدتان على بوابة التنسيق
    [few] { $count } رسائل جديدة على بوابة التنسيق
    [many] { $count } رسالة جديدة على بوابة التنسيق
   *[other] { $count } رسالة جديدة على بوابة التنسيق
}
mail-digest-intro = عدد الرسائل الجديدة التي تنتظرك على بوابة التنسيق: { $count }، في { $threads ->
    [zero] { $threads } محادثة
    [one] محادثة واحدة
    [two] محادثتين
    [few] { $threads } محادثات
    [many] { $threads } محادثة
   *[other] { $threads } محادثة
    }.
mail-why-digest = اخترت تلقي ملخص يومي بالرسائل الجديدة. يبقى المحتوى داخل البوابة.
messages-attachments = الملفات المرفقة
messages-bytes = بايت
messages-attach-heading = إرسال ملفات
messages-attach-files = الملفات
messages-attach-hint = ما يصل إلى 5 ملفات لا يتجاوز حجم كل منها 10 ميبيبايت. تبقى الملفات داخل البوابة؛ ولا يحملها البريد الإلكتروني أبداً.
messages-attach-note = رسالة (اختيارية)
messages-attach-send = إرسال الملفات
account-title = حسابي
account-password = تغيير كلمة المرور
account-current-password = كلمة المرور الحالية
account-wrong-password = كلمة المرور الحالية غير صحيحة.
account-password-changed = تم تغيير كلمة المرور. وانتهت جلساتك الأخرى.
account-sessions = الأماكن التي سجَّلت فيها الدخول
account-sessions-intro = تنتهي الجلسات بعد 30 دقيقة من عدم النشاط وبعد 12 ساعة من تسجيل الدخول. أنهِ أي جلسة لا تتعرف عليها.
account-session-ended = انتهت الجلسة.
account-device = الجهاز
account-signed-in = تسجيل الدخول (بالتوقيت العالمي المنسق)
account-last-seen = آخر نشاط (بالتوقيت العالمي المنسق)
account-end = إنهاء هذه الجلسة
account-this-session = هذه الجلسة

# two-factor sign-in, password reset, password policy
login-totp-required = يستخدم هذا الحساب المصادقة الثنائية: أدخل الرمز الظاهر في تطبيق المصادقة.
login-totp-wrong = رمز المصادقة الثنائية غير صحيح، أو سبق استخدامه. انتظر الرمز التالي ثم أعد المحاولة.
login-totp-unavailable = يتعذّر حالياً التحقق من رموز المصادقة الثنائية لهذا الحساب. سجِّل الدخول بأحد رموز الاسترداد الخاصة بك، أو اطلب المساعدة من أحد المديرين.
login-forgot = هل نسيت كلمة المرور؟
password-too-common = كلمة المرور هذه شائعة جداً أو يسهل تخمينها. اختر كلمة مرور أخرى، مثلاً جملة قصيرة.
reset-title = إعادة تعيين كلمة المرور
reset-intro = أدخل عنوان البريد الإلكتروني لحسابك. إذا كان العنوان يخص حساباً نشطاً، نرسل إليه رابطاً لاختيار كلمة مرور جديدة. يعمل الرابط مرة واحدة، لمدة ساعة واحدة.
reset-submit = إرسال الرابط
reset-sent = إذا كان هذا العنوان يخص حساباً نشطاً، فإن الرابط في طريقه إليه. تحقق من صندوق بريدك (ومن مجلد البريد غير المرغوب فيه)؛ ويعمل الرابط لمدة ساعة واحدة.
reset-back = العودة إلى تسجيل الدخول
reset-again = طلب رابط جديد
tf-title = المصادقة الثنائية
tf-required = يتطلب دورك أو منظمتك المصادقة الثنائية. قم بإعدادها للمتابعة.
tf-setup-heading = إعداد المصادقة الثنائية
tf-step-app = ثبِّت تطبيق مصادقة على هاتفك (مثلاً FreeOTP أو Aegis أو Google Authenticator أو Microsoft Authenticator).
tf-step-scan = امسح هذا الرمز ضوئياً بالتطبيق، أو اكتب فيه المفتاح الوارد أدناه.
tf-qr-caption = رمز QR يتضمن مفتاح حسابك.
tf-secret-label = المفتاح:
tf-step-code = أدخل الرمز المكوَّن من ستة أرقام الذي يعرضه التطبيق.
tf-code = الرمز الظاهر في التطبيق
tf-confirm = تفعيل المصادقة الثنائية
tf-wrong-code = هذا الرمز غير صحيح. تحقق من الوقت على هاتفك وأدخل الرمز الحالي.
tf-enabled-now = المصادقة الثنائية مفعَّلة.
tf-recovery-heading = رموز الاسترداد الخاصة بك
tf-recovery-intro = احتفظ بهذه الرموز العشرة في مكان آمن بعيداً عن هاتفك. يتيح لك كل منها تسجيل الدخول مرة واحدة بدلاً من الرمز إذا فقدت هاتفك. ولن تُعرض إلا الآن.
tf-continue = المتابعة إلى البوابة
tf-is-on = المصادقة الثنائية مفعَّلة لحسابك منذ { $since }.
tf-recovery-left = رموز الاسترداد غير المستخدمة: { $count }.
tf-lost = هل فقدت هاتفك ورموز الاسترداد؟ اطلب من أحد مديري المنصة إعادة تعيين المصادقة الثنائية لحسابك.
account-two-factor = المصادقة الثنائية
account-two-factor-on = مفعَّلة
account-two-factor-off = غير مفعَّلة
account-two-factor-manage = إدارة
account-two-factor-set-up = إعداد
mail-reset-subject = إعادة تعيين كلمة مرور البوابة
mail-reset-intro = طلب شخص ما، أنت على الأرجح، إعادة تعيين كلمة مرور حسابك على البوابة.
mail-reset-link = اختر كلمة مرور جديدة (يعمل الرابط مرة واحدة، لمدة { $minutes } دقيقة):
mail-reset-ignore = إذا لم تطلب ذلك، فتجاهل هذه الرسالة: ستبقى كلمة المرور على حالها.
mail-password-changed-subject = تم تغيير كلمة مرور البوابة
mail-password-changed-body = تم تغيير كلمة مرور حسابك على البوابة في { $at }.
mail-password-changed-not-you = إذا لم تقم بذلك، فأعد تعيين كلمة المرور فوراً وأبلغ المدير المسؤول:
# administration
nav-org-accounts = حساباتنا
admin-title = الإدارة
admin-back = العودة إلى الإدارة
admin-users-title = الحسابات
admin-users-intro = دعوة الأشخاص، وتعطيل الحسابات وإعادة تفعيلها، وتغيير الأدوار والمنظمات.
admin-org-accounts-title = حسابات { $organisation }
admin-orgs-title = المنظمات
admin-orgs-intro = إنشاء المنظمات، وتغيير أسمائها، وتعطيلها، واشتراط المصادقة الثنائية.
admin-audit-title = سجل التدقيق
admin-audit-intro = من فعل ماذا ومتى: عمليات تسجيل الدخول، والاطلاع على المواد المقيَّدة، وتغييرات الأذونات، وعمليات التصدير.
admin-verify-title = التحقق من سلسلة التدقيق
admin-verify-intro = يحمل كل قيد البصمة (hash) الخاصة بالقيد السابق له. يمر التحقق بالسلسلة كلها ويحدد أول قيد لا يتطابق.
admin-verify-run = إجراء التحقق
admin-verify-intact = السلسلة سليمة: عدد القيود { $count }.
admin-verify-broken = السلسلة منقطعة عند القيد { $seq }.
admin-search-users = الاسم أو عنوان البريد الإلكتروني
admin-organisation = المنظمة
admin-users-none = لا يوجد حساب مطابق.
admin-name = الاسم
admin-email = عنوان البريد الإلكتروني
admin-role = الدور
admin-status = الحالة
admin-actions = الإجراءات
admin-status-invited = مدعو
admin-status-active = نشط
admin-status-deactivated = معطَّل
admin-deactivate = تعطيل
admin-reactivate = إعادة التفعيل
admin-resend = إعادة إرسال الدعوة
admin-revoke = إلغاء الدعوة
admin-change-role = تغيير الدور
admin-change-org = نقل
admin-invite-title = دعوة شخص
admin-invite-intro = يتلقى الشخص رسالة بريد إلكتروني تتضمن رابطاً لاختيار كلمة مرور. يعمل الرابط مرة واحدة، لمدة 72 ساعة.
admin-invite-submit = إرسال الدعوة
admin-notice-invited = الدعوة في طريقها.
admin-notice-resent = دعوة جديدة في طريقها؛ ولم يعد الرابط السابق صالحاً.
admin-notice-revoked = أُلغيت الدعوة.
admin-notice-updated = حُفظ التغيير. وحيثما يؤثر في صلاحيات الوصول، انتهت جلسات الشخص المعني.
admin-notice-org-created = أُنشئت المنظمة.
admin-org-new = منظمة جديدة
admin-org-create = إنشاء
admin-code = الرمز
admin-code-hint = من 2 إلى 12 حرفاً لاتينياً كبيراً أو رقماً؛ وتستخدم الدولة العضو رمزها الثلاثي وفق المعيار ISO 3166 (alpha-3).
admin-kind = النوع
admin-active = نشطة
admin-require-totp = المصادقة الثنائية إلزامية
admin-save = حفظ
admin-audit-csv = تنزيل ملف CSV
admin-audit-actor = الفاعل (البريد الإلكتروني)
admin-audit-action = الإجراء
admin-audit-action-hint = مطابق تماماً، أو بادئة تنتهي بنقطة، مثل user.
admin-audit-target = الهدف
admin-audit-target-hint = نوع (user)، أو معرِّف، أو نوع:معرِّف (document:…)
admin-audit-from = من
admin-audit-to = إلى
admin-audit-none = لا يوجد قيد مطابق.
admin-audit-at = الوقت (بالتوقيت العالمي المنسق)
admin-audit-outcome = النتيجة
admin-audit-ip = العنوان
admin-audit-details = التفاصيل
mail-invitation-subject = دعوتك إلى بوابة التنسيق
mail-invitation-intro = دعاك { $inviter } إلى بوابة التنسيق، ضمن المنظمة { $organisation }.
mail-invitation-link = اختر كلمة المرور باستخدام هذا الرابط. يعمل الرابط مرة واحدة، لمدة { $hours } ساعة:
mail-invitation-ignore = إذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة: لا يصبح أي حساب صالحاً للاستخدام دون الرابط.
admin-reset-two-factor = إعادة تعيين المصادقة الثنائية
admin-two-factor-badge = 2FA
admin-notice-two-factor-reset = أُعيد تعيين المصادقة الثنائية؛ وانتهت جلسات الحساب. وسيعيد صاحبه إعدادها عند تسجيل الدخول التالي.
projects-title = مشاريع المساعدة
projects-new = عرض مشروع
projects-none = لا يوجد مشروع مطابق.
projects-export = تصدير بصيغة CSV
project-edit-title = تعديل المشروع
project-status-planned = مخطَّط له
project-status-active = جارٍ
project-status-completed = منجَز
project-status-cancelled = ملغى
project-visibility-platform = جميع المستخدمين المسجَّلين
project-visibility-compact = كيانات الاتفاق فقط
project-visibility-hint = خيار «كيانات الاتفاق فقط» يُبقي المشروع الذي لم يُعلَن بعد للدول في نطاق كيانات الاتفاق ومكاتب المنسقين.
project-global = عالمي
project-applies-state = لهذه الدولة
project-applies-region = لمنطقتها
project-applies-global = عالمي
project-versions = الصيغ
project-no-versions = لم يُجرَ أي تعديل بعد.
project-owner-hint = رمز المنظمة التي تعرض المشروع أو اسمها؛ منظمتك إذا تُرك الحقل فارغاً.
project-where-hint = لا تختر أي دولة ولا أي منطقة إذا كان المشروع عالمياً.
project-contact-hint = عنوان البريد الإلكتروني لحساب تابع للمنظمة التي تعرض المشروع.
field-visibility = الرؤية
field-thematic-areas = المجالات المواضيعية
field-member-states = الدول الأعضاء
field-regions = المجموعات الإقليمية
field-where = المكان
field-period = الفترة
field-starts-on = تاريخ البدء
field-ends-on = تاريخ الانتهاء
field-budget = الميزانية
field-currency = العملة
field-partners = الشركاء
field-contact = مسؤول الاتصال

## Matches between needs and projects
field-coverage = التغطية
needs-uncovered-true = غير المغطاة فقط (لا توجد مطابقة مقبولة)
mail-match-proposed-subject = اقتُرحت مطابقة لأحد احتياجاتك
mail-match-proposed = اقتُرح مشروع مساعدة لأحد احتياجات دولتك على بوابة التنسيق.
mail-match-accepted-subject = قُبلت المطابقة التي اقترحتها
mail-match-accepted = قُبلت مطابقة اقترحتها منظمتك.
mail-match-declined-subject = رُفضت المطابقة التي اقترحتها
mail-match-declined = رُفضت مطابقة اقترحتها منظمتك؛ ويرد سبب الرفض في البوابة.
mail-match-open = سجِّل الدخول للاطلاع عليها:
mail-why-match = تتلقى هذه الرسالة بصفتك جهة اتصال لمنظمتك. يبقى المحتوى داخل البوابة.
matches-title = المطابقات
matches-waiting = ما ينتظر إجراءً مني
matches-waiting-intro = مقترحات تتعلق باحتياجات دولتك لقبولها أو رفضها، وردود على مقترحات منظمتك.
matches-all = جميع المطابقات التي يمكنني الاطلاع عليها
matches-none = لا توجد مطابقات هنا.
match-status-proposed = مقترحة
match-status-accepted = مقبولة
match-status-declined = مرفوضة
match-status-completed = منجَزة
match-proposed-by = اقترحها
match-history = السجل
match-accept = قبول
match-decline = رفض
match-decline-reason = سبب الرفض
match-complete = وضع علامة «منجَزة»
field-reason = السبب:
matches-propose = اقتراح هذا المشروع لاحتياج
matches-need-choice = احتياج مفتوح ليست له مطابقة مقبولة
matches-need-id = أو معرِّف احتياج
field-note = ملاحظة
matches-of-need = المطابقات مع المشاريع
matches-of-project = المطابقات مع الاحتياجات

## The shared calendar (activities)
calendar-title = التقويم
calendar-months = الأشهر
calendar-previous = الشهر السابق
calendar-next = الشهر التالي
calendar-agenda = جدول الأعمال
calendar-none = لا توجد أنشطة هذا الشهر.
calendar-clash = عدة أنشطة في الدولة نفسها:
activities-new = نشاط جديد
activity-edit = تعديل النشاط
activity-versions = الصيغ السابقة
activity-no-versions = لم يُعدَّل بعد.
activity-clashes-intro = تجري أنشطة أخرى في الأيام نفسها:
activity-clashes-confirm = اطّلعت على هذه الأنشطة؛ احفظ رغم ذلك.
clash-same_member_state = الدولة العضو نفسها
clash-same_programme = البرنامج نفسه
clash-same_thematic_area = المجال المواضيعي نفسه
field-activity-kind = نوع النشاط
field-region = المنطقة
field-organiser = الجهة المنظِّمة
field-organisers = الجهات المنظِّمة
activity-field-partners = المنظمات الشريكة
field-partners-hint = رموز مفصولة بفواصل، مثلاً: UNODC, KEN. منظمتك تكون دائماً من الجهات المنظِّمة.
activity-field-starts-on = اليوم الأول
activity-field-ends-on = اليوم الأخير
field-dates = التواريخ
activity-field-visibility = من يطّلع عليه
field-project = المشروع
field-plan = خطة التنفيذ
field-working-group = الفريق العامل
activity-kind-training = تدريب
activity-kind-workshop = حلقة عمل
activity-kind-assessment_visit = زيارة تقييم
activity-kind-consultation = مشاورة
activity-kind-conference = مؤتمر
activity-kind-meeting = اجتماع
activity-kind-other = غير ذلك
activity-status-planned = مخطَّط له
activity-status-confirmed = مؤكَّد
activity-status-held = عُقد
activity-status-cancelled = ملغى
activity-visibility-platform = جميع المستخدمين المسجَّلين
activity-visibility-compact = كيانات الاتفاق ومكاتب المنسقين
activity-visibility-organisers = الجهات المنظِّمة فقط
weekday-mon = الاثنين
weekday-tue = الثلاثاء
weekday-wed = الأربعاء
weekday-thu = الخميس
weekday-fri = الجمعة
weekday-sat = السبت
weekday-sun = الأحد
weekday-short-mon = اثنين
weekday-short-tue = ثلاثاء
weekday-short-wed = أربعاء
weekday-short-thu = خميس
weekday-short-fri = جمعة
weekday-short-sat = سبت
weekday-short-sun = أحد
month-01 = كانون الثاني/يناير
month-02 = شباط/فبراير
month-03 = آذار/مارس
month-04 = نيسان/أبريل
month-05 = أيار/مايو
month-06 = حزيران/يونيه
month-07 = تموز/يوليه
month-08 = آب/أغسطس
month-09 = أيلول/سبتمبر
month-10 = تشرين الأول/أكتوبر
month-11 = تشرين الثاني/نوفمبر
month-12 = كانون الأول/ديسمبر

## Working groups and calendar feeds
nav-groups = الأفرقة العاملة
area-groups = الأفرقة العاملة التابعة للاتفاق: الأعضاء، وخطط العمل، والوثائق، والمحادثات.
groups-title = الأفرقة العاملة
groups-intro = الأفرقة العاملة المشتركة بين الوكالات التابعة للاتفاق العالمي للتنسيق في مجال مكافحة الإرهاب. تصل الوثائق والمحادثات الموجهة إلى فريق ما إلى كل مستخدم في المنظمات الأعضاء فيه.
groups-code = الرمز
groups-name = الاسم
groups-members = الأعضاء
groups-none = لا توجد أفرقة عاملة بعد.
groups-organisation = المنظمة
groups-organisation-hint = رمز المنظمة أو اسمها، مثلاً UNODC أو كينيا.
groups-role = الدور
groups-role-member = عضو
groups-role-chair = الرئيس
groups-role-vice_chair = نائب الرئيس
groups-role-observer = مراقب
groups-actions = الإجراءات
groups-remove = إزالة
groups-add-member = إضافة عضو أو تغييره
groups-no-members = لا توجد منظمات أعضاء بعد.
groups-your-organisation-member = منظمتك مشاركة
groups-audience-hint = لتوجيه وثيقة أو محادثة إلى هذا الفريق، استخدم التسمية
groups-work-plan = خطة العمل: الأنشطة المقبلة
groups-no-activities = لا يوجد نشاط مقبل مرتبط بهذا الفريق.
groups-documents = الوثائق الموجهة إلى الفريق
groups-no-documents = لا توجد وثيقة يمكنك الاطلاع عليها موجهة إلى هذا الفريق.
groups-threads = المحادثات الموجهة إلى الفريق
groups-no-threads = لا توجد محادثة تشارك فيها موجهة إلى هذا الفريق.
groups-to-working-groups = الأفرقة العاملة
groups-to-working-groups-hint = رموز الأفرقة مفصولة بفواصل، مثلاً BMLE: يشارك كل مستخدم في المنظمات الأعضاء فيه.
calendar-more-than-cap = يتضمن هذا الشهر أنشطة أكثر مما يعرضه التقويم: لا تُدرج إلا أول { $count } منها. ضيِّق النطاق باستخدام عوامل التصفية.
calendar-feed-link = موجز التقويم لتطبيق التقويم الخاص بك
calendar-feed-title = موجز التقويم الخاص بك
calendar-feed-intro = عنوان خاص يمكن لتطبيق التقويم الخاص بك الاشتراك فيه: يسرد الأنشطة التي يمكنك الاطلاع عليها، ولا شيء غيرها. يمكن لأي شخص يملك العنوان الاطلاع عليه، فاحتفظ به لنفسك؛ ويمكنك تجديده أو إلغاؤه في أي وقت.
calendar-feed-new-url = عنوان الموجز الخاص بك (انسخه في تطبيق التقويم):
calendar-feed-shown-once = لا يُعرض هذا العنوان إلا الآن. إذا فقدته، فجدِّد الموجز.
calendar-feed-on-since = الموجز الخاص بك مفعَّل منذ
calendar-feed-last-read = آخر قراءة
calendar-feed-off = الموجز الخاص بك غير مفعَّل.
calendar-feed-turn-on = تفعيل الموجز
calendar-feed-renew = تجديد العنوان
calendar-feed-revoke = إلغاء الموجز
activity-open-project = فتح المشروع
activity-open-plan = فتح خطة التنفيذ
activity-add-to-calendar = إضافة إلى التقويم الخاص بي (.ics)
calendar-feed-filters-hint = أبقِ بعض الأنشطة فقط في الموجز، أو اترك جميع عوامل التصفية فارغة لعرض كل ما يمكنك الاطلاع عليه. يحل العنوان الجديد محل العنوان القديم.
calendar-feed-state-hint = رمز ISO، مثلاً KEN.
# Consultations and implementation plans
consultations-title = مشاورات بناء القدرات
consultations-new = مشاورة جديدة
consultations-none = لا توجد مشاورة تطابق عوامل التصفية هذه.
consultation-title = مشاورة بناء القدرات
consultation-held-on = تاريخ الانعقاد
consultation-plan = خطة التنفيذ
consultation-open-plan = فتح خطة التنفيذ
consultation-participants = المشاركون
consultation-situation = الوضع الراهن
consultation-gaps = الثغرات
consultation-obstacles = العقبات
consultation-ongoing_actions = الإجراءات الجارية
consultation-consent-hint = منشور: توافق الدولة على تقاسم الخطة مع كيانات الاتفاق ومكاتب المنسقين. محجوب: للمنسقين والدولة فقط.
consultation-codes-hint = رموز المنظمات مفصولة بفواصل، مثلاً UNODC, INTERPOL.
consultation-measures-hint = يُستبعد التدبير الذي يكون شرطه فارغاً. ويصبح كل مجال من مجالات المساعدة احتياجاً من احتياجات المساعدة التقنية.
consultation-add-measure = إضافة تدبير
plan-title = خطة التنفيذ
plan-measures = التدابير
plan-measure = التدبير
plan-requirement = الشرط الدولي
plan-recommendation = التوصية
plan-assistance-areas = مجالات المساعدة
plan-indicator = المؤشر
plan-kind = نوع التدبير
plan-kind-unit = عدد
plan-kind-percentage = نسبة مئوية
plan-kind-qualitative = نوعي
plan-unit = الوحدة
plan-direction = الاتجاه
plan-ascending = الأعلى أفضل
plan-descending = الأدنى أفضل
plan-baseline = خط الأساس
plan-baseline-on = تاريخ خط الأساس
plan-target = الهدف
plan-due-on = الموعد المحدد
plan-responsible = المنظمات المسؤولة
plan-status-counts = التدابير حسب الحالة
plan-status-not_started = لم يبدأ
plan-status-on_track = على المسار الصحيح
plan-status-at_risk = معرَّض للخطر
plan-status-off_track = خارج المسار
plan-status-achieved = تحقَّق
plan-status-rule = تُستمد حالة التدبير من آخر قيمة معتمدة له، مقارنةً بالمسار المستقيم من خط الأساس إلى الهدف: إذا بلغت 90 % على الأقل من التقدم المتوقع فهو على المسار الصحيح، وإذا بلغت 60 % على الأقل فهو معرَّض للخطر، وما دون ذلك فهو خارج المسار.
plan-iati-export = تنزيل الخطة بصيغة نتائج IATI (XML)
plan-iati-export-hint = معيار IATI 2.03: التدابير مع خط الأساس والهدف والقيمة المعتمدة لكل سنة.
plan-validation = قيم بانتظار الاعتماد
plan-validation-none = لا توجد قيمة بانتظار الاعتماد.
plan-value = القيمة
plan-on = تاريخ القياس
plan-reported-by = أبلغ عنها
plan-note = ملاحظة
plan-decision = القرار
plan-reason = السبب (مطلوب لإعادة قيمة)
plan-validate = اعتماد
plan-return = إعادة
plan-latest = آخر قيمة معتمدة
plan-no-values = لم يُبلَّغ عن أي قيمة بعد.
plan-values = القيم المبلَّغ عنها
plan-progress-pending = بانتظار الاعتماد
plan-progress-validated = معتمدة
plan-progress-returned = مُعادة
plan-report = الإبلاغ عن التقدم المحرز
plan-report-submit = الإبلاغ عن هذه القيمة
plan-no-measures = لا تتضمن هذه الخطة أي تدابير.
## Who does what where (coordination)
nav-coordination = من يفعل ماذا وأين
area-coordination = مصفوفة الدول حسب المجال المواضيعي: الاحتياجات، والتغطية، والمشاريع، وأوجه التداخل المحتملة.
coordination-title = من يفعل ماذا وأين
coordination-intro = الدول الأعضاء حسب المجال المواضيعي. لا يُحتسب في كل رقم إلا ما يمكنك الاطلاع عليه؛ والمشاريع الإقليمية والعالمية لا تذكر أي دولة ولا تُحتسب في أي صف.
coordination-caption = الاحتياجات والمشاريع حسب الدولة العضو والمجال المواضيعي
coordination-legend = كل خلية: الاحتياجات المفتوحة / الاحتياجات غير المغطاة · المشاريع التي تذكر الدولة (المنظمات)؛ ⚠ أوجه تداخل محتملة لم يُنسَّق بشأنها بعد.
coordination-open-needs = الاحتياجات المفتوحة
coordination-uncovered-needs = الاحتياجات غير المغطاة (لا توجد مطابقة مقبولة)
coordination-projects = المشاريع التي تذكر الدولة
coordination-organisations = المنظمات الناشطة
coordination-overlaps = أوجه تداخل محتملة لم يُنسَّق بشأنها بعد
coordination-export-3w = تنزيل جدول «من يفعل ماذا وأين» (CSV مع وسوم HXL)
coordination-overlaps-title = أوجه التداخل المحتملة
coordination-overlaps-intro = مشروعان لمنظمتين مختلفتين، غير ملغيين، يذكران الدولة نفسها، ويشتركان في مجال مواضيعي، وتتداخل تواريخهما. يبقى الزوج هنا إلى أن يضع عليه منسق أو جهة اتصال في إحدى المنظمتين علامة «تم التنسيق» مع ملاحظة.
coordination-include-coordinated = الأزواج التي تم التنسيق بشأنها
coordination-include-true = تضمين الأزواج التي تم التنسيق بشأنها
coordination-no-overlaps = لا يوجد تداخل محتمل.
coordination-overlap-where = المكان والموضوع:
coordination-coordinated = تم التنسيق
coordination-possible-overlap = تداخل محتمل
coordination-note = كيف تنسق المنظمتان فيما بينهما
coordination-mark = وضع علامة «تم التنسيق»
coordination-project-overlaps = أوجه التداخل المحتملة
coordination-dashboard-heading = الاحتياجات غير المغطاة
coordination-dashboard-intro = الاحتياجات المفتوحة التي يمكنك الاطلاع عليها وليست لها مطابقة مقبولة.
coordination-dashboard-by-region = حسب المنطقة
coordination-dashboard-by-area = حسب المجال المواضيعي
coordination-dashboard-none = لكل احتياج مفتوح يمكنك الاطلاع عليه مطابقة مقبولة.
## Suggestions (issue 12)
suggestions-projects = المشاريع المقترحة
suggestions-projects-hint = المشاريع المفتوحة التي يمكنك الاطلاع عليها والتي تشترك مع هذا الاحتياج في المجال المواضيعي والمكان، مرتبة حسب مدى ملاءمتها. استبعد المشروع غير الملائم مع ذكر السبب: لن يُقترح مرة أخرى.
suggestions-needs = الاحتياجات المقترحة
suggestions-needs-hint = الاحتياجات المفتوحة التي يمكنك الاطلاع عليها في المجالات المواضيعية والأماكن الخاصة بهذا المشروع، مرتبة حسب مدى ملاءمتها.
suggestions-none = لا توجد اقتراحات حالياً.
suggestions-score = الملاءمة { $percent } %
suggestions-propose = اقتراح هذه المطابقة
suggestions-dismiss = استبعاد هذا الاقتراح
suggestions-dismiss-reason = سبب عدم الملاءمة (مطلوب)
suggestions-reason-same-state = معروض للدولة نفسها ({ $state })
suggestions-reason-same-region = معروض لمنطقة الدولة ({ $region })
suggestions-reason-global = معروض لجميع الدول
suggestions-reason-areas = مجال مواضيعي مشترك: { $areas }
suggestions-reason-programme = البرنامج نفسه: { $programme }
suggestions-reason-dates = تغطي تواريخه { $percent } % من الأفق الزمني للاحتياج
suggestions-reason-text = عناوين وأوصاف متشابهة ({ $percent } %): { $words }

## Plans: charts, measures at risk, editing a draft's measures
chart-measure-title = التقدم المحرز في «{ $indicator }»
chart-measure-desc = المسار المستقيم من خط الأساس، { $baseline } في { $baseline-on }، إلى الهدف، { $target } في موعد أقصاه { $due-on }؛ عدد القيم المعتمدة: { $count }.
chart-measure-latest = آخر قيمة معتمدة: { $value } في { $on }.
chart-measure-legend = الخط المتقطع: المسار المستقيم من خط الأساس إلى الهدف. النقاط والخط المتصل: القيم المعتمدة. الخط العمودي: الموعد المحدد.
chart-due = الموعد المحدد { $on }
chart-figures = أرقام الرسم البياني في شكل جدول
chart-point = النقطة
chart-point-baseline = خط الأساس
chart-point-value = قيمة معتمدة
chart-point-target = الهدف
chart-expected = المتوقع على المسار
chart-qualitative = لا يوجد خط يُرسم للتدبير النوعي: ترد قيمه المعتمدة أدناه، من الأقدم إلى الأحدث.
chart-no-validated = لا توجد قيمة معتمدة بعد.
chart-bars-title = التقدم المحرز نحو كل هدف
chart-bars-desc = عمود واحد لكل تدبير: المدى الذي بلغته آخر قيمة معتمدة له على الطريق من خط الأساس إلى الهدف، من 0 إلى 100 %، مع حالته.
chart-share = نسبة ما قُطع من الطريق
at-risk-heading = التدابير المعرَّضة للخطر
at-risk-intro = تدابير خطط التنفيذ التي تتابعها والتي تتأخر آخر قيمة معتمدة لها عن المسار المستقيم نحو هدفها: معرَّضة للخطر (من 60 إلى 90 % من التقدم المتوقع) أو خارج المسار (أقل من 60 %).
at-risk-none = لا يوجد تدبير معرَّض للخطر أو خارج المسار في الخطط التي تتابعها: فكل تدبير إما على المسار الصحيح، أو تحقَّق، أو ينتظر أول قيمة معتمدة له.
at-risk-chart-title = التدابير المعرَّضة للخطر، حسب الخطة
at-risk-chart-desc = عمود واحد لكل خطة تنفيذ: تدابيرها المعرَّضة للخطر، ثم تدابيرها الخارجة عن المسار.
at-risk-counts = معرَّضة للخطر: { $at-risk }، خارج المسار: { $off-track }
at-risk-table = التدابير المعرَّضة للخطر أو الخارجة عن المسار
consultation-edit-measures = تدابير هذه المسودة
consultation-edit-measures-hint = ما دامت المشاورة مسودة، يمكن تغيير تدابيرها وإضافة تدابير وحذفها؛ وتتبعها الاحتياجات المستمدة من مجالات المساعدة في كل تدبير. وبعد النشر، لا تتغير تدابير الخطة.
consultation-edit-measure = تغيير هذا التدبير
consultation-remove-measure = حذف هذا التدبير
consultation-measure-needs = { $count ->
    [zero] لا يوجد احتياج مستمد من مجالاته:
    [one] احتياج واحد مستمد من مجاله:
    [two] احتياجان مستمدان من مجالاته:
    [few] { $count } احتياجات مستمدة من مجالاته:
    [many] { $count } احتياجاً مستمداً من مجالاته:
   *[other] { $count } احتياج مستمد من مجالاته:
}
## Dashboard by role and the States' pages (issue 15)
dashboard-since = منذ زيارتك الأخيرة ({ $time }): { $count ->
        [zero] لا توجد عناصر جديدة
        [one] عنصر جديد واحد
        [two] عنصران جديدان
        [few] { $count } عناصر جديدة
        [many] { $count } عنصراً جديداً
       *[other] { $count } عنصر جديد
    } أدناه.
dashboard-first-visit = هذه زيارتك الأولى: من الآن فصاعداً، سيُوسم ما يتغير بين زيارتين بعلامة «جديد».
dashboard-own-state = صفحة دولتك
dashboard-unread-messages = { $count ->
        [one] رسالة غير مقروءة
        [two] رسالتان غير مقروءتين
       *[other] رسائل غير مقروءة
    }
dashboard-new = جديد
dashboard-new-count = جديد: { $count }
dashboard-total = المجموع: { $count }
dashboard-see-all = عرض الكل
dashboard-block-uncovered-needs = احتياجات دولتك غير المغطاة
dashboard-empty-uncovered-needs = لكل احتياج مفتوح لدولتك مطابقة مقبولة. تظهر الاحتياجات الجديدة هنا عندما ينشرها المنسقون.
dashboard-block-decisions = مقترحات بانتظار قرارك
dashboard-empty-decisions = لا يوجد مقترح بانتظار قرار. عندما يقترح كيان ما مشروعاً لأحد احتياجات دولتك، اقبله أو ارفضه هنا.
dashboard-block-activities-in-state = الأنشطة المقبلة في دولتك
dashboard-empty-activities-in-state = لا يوجد نشاط مقبل في دولتك يمكنك الاطلاع عليه. يسرد التقويم المشترك ما هو مخطَّط له في أماكن أخرى.
dashboard-block-own-activities = الأنشطة المقبلة لمنظمتك
dashboard-empty-own-activities = لا تنظم منظمتك أي نشاط مقبل. أضف نشاطاً إلى التقويم المشترك ليتمكن الآخرون من التخطيط على أساسه.
dashboard-block-unread-threads = المحادثات غير المقروءة
dashboard-empty-unread-threads = قرأت جميع الرسائل. ابدأ محادثة من قسم «الرسائل».
dashboard-block-shared-documents = الوثائق التي جرى تقاسمها مع منظمتك
dashboard-empty-shared-documents = لم تتقاسم معك أي منظمة أخرى أي وثيقة بعد. ستظهر هنا الوثائق التي يجري تقاسمها مع منظمتك.
dashboard-block-own-proposals = مقترحات منظمتك والردود عليها
dashboard-empty-own-proposals = لم تقترح منظمتك بعد أي مشروع لاحتياج ما. افتح أحد مشاريعك للاطلاع على الاحتياجات التي يمكن أن يلبيها.
dashboard-block-needs-for-projects = الاحتياجات التي تطابق مشاريعك
dashboard-empty-needs-for-projects = لا يوجد احتياج مفتوح يطابق المشاريع المخطَّط لها أو الجارية لمنظمتك (الدولة نفسها أو المنطقة نفسها، أو مشروع عالمي، مع مجال مواضيعي مشترك).
dashboard-block-overlaps = أوجه تداخل محتملة ينبغي حلها
dashboard-empty-overlaps = لا يوجد تداخل محتمل بانتظار المعالجة. عندما تخطط منظمتان لنوع العمل نفسه في دولة ما في الوقت نفسه، يظهر ذلك هنا للتنسيق بشأنه.
dashboard-block-draft-reports = تقارير زيارات في مرحلة المسودة
dashboard-empty-draft-reports = لا يوجد تقرير في مرحلة المسودة. ابدأ تقرير زيارة جديداً من قسم «تقارير الزيارات».
dashboard-block-draft-consultations = مشاورات في مرحلة المسودة
dashboard-empty-draft-consultations = لا توجد مشاورة في مرحلة المسودة. سجِّل مشاورة جديدة من قسم «المشاورات».
dashboard-block-values-to-validate = قيم التقدم المحرز بانتظار الاعتماد
dashboard-empty-values-to-validate = لا توجد قيمة تقدم بانتظار الاعتماد. تظهر هنا القيم التي تبلغ عنها الدول لكي تعتمدها أو تعيدها.
nav-states = الدول
area-states = صفحة لكل دولة عضو: تقاريرها، واحتياجاتها، وخططها، ومشاريعها، وأنشطتها.
nav-own-state = دولتي
area-own-state = كل ما يتعلق بدولتك في مكان واحد: التقارير، والاحتياجات، والخطط، والمشاريع، والأنشطة.
states-title = الدول الأعضاء
states-intro = اختر دولة لتطّلع في مكان واحد على كل ما يمكنك الاطلاع عليه بشأنها.
states-own = دولتك
states-sections = أقسام هذه الصفحة
states-reports = تقارير الزيارات
states-no-reports = لا يوجد تقرير زيارة عن هذه الدولة يمكنك الاطلاع عليه.
states-all-reports = جميع تقارير الزيارات عن هذه الدولة
states-needs = احتياجات المساعدة وتغطيتها
states-no-needs = لا يوجد احتياج مساعدة يخص هذه الدولة يمكنك الاطلاع عليه.
states-need-figures = الاحتياجات حسب الحالة
states-need-total = احتياجات في المجموع
states-uncovered = مفتوحة وغير مغطاة
states-open-needs = أحدث الاحتياجات المفتوحة
states-all-needs = جميع احتياجات هذه الدولة
states-plans = خطط التنفيذ
states-no-plans = لا توجد خطة تنفيذ لهذه الدولة يمكنك الاطلاع عليها.
states-held-on = تاريخ انعقاد المشاورة
states-measures = التدابير حسب الحالة
states-all-consultations = جميع مشاورات هذه الدولة
states-projects = المشاريع الخاصة بهذه الدولة
states-no-projects = لا يوجد مشروع لهذه الدولة يمكنك الاطلاع عليه، بما في ذلك المشاريع الإقليمية والعالمية.
states-all-projects = جميع المشاريع الخاصة بهذه الدولة
states-activities = الأنشطة المقبلة فيها
states-no-activities = لا يوجد نشاط مقبل في هذه الدولة يمكنك الاطلاع عليه.
states-calendar = تقويم هذه الدولة
states-documents = الوثائق المتعلقة بهذه الدولة
states-no-documents = لم يجرِ تقاسم أي وثيقة من وثائق تقارير هذه الدولة أو احتياجاتها معك.
states-organisations = المنظمات الناشطة فيها
states-no-organisations = لا توجد منظمة لديها مشروع يذكر هذه الدولة يمكنك الاطلاع عليه.
states-project-count = { $count ->
        [zero] لا توجد مشاريع
        [one] مشروع واحد
        [two] مشروعان
        [few] { $count } مشاريع
        [many] { $count } مشروعاً
       *[other] { $count } مشروع
    }
## Administration pages and recovery codes (issue 16, admin)
admin-orgs-search = الرمز أو الاسم
admin-orgs-none = لا توجد منظمة مطابقة.
admin-org-active = نشطة
admin-org-inactive = معطَّلة
admin-yes = نعم
admin-no = لا
admin-org-accounts = حسابات هذه المنظمة
admin-org-edit = تعديل المنظمة
admin-invite-org-missing = اختر منظمة الشخص الذي تدعوه.
admin-confirm = أؤكد
admin-confirm-missing = لم يُغيَّر شيء: ضع علامة على «أؤكد» للمتابعة.
admin-notice-sessions-ended = انتهت جميع جلسات هذا الحساب.
admin-last-sign-in = آخر تسجيل دخول
admin-never = أبداً
admin-created = تاريخ إنشاء الحساب
admin-sessions = { $count ->
    [zero] لا توجد جلسة نشطة
    [one] جلسة نشطة واحدة
    [two] جلستان نشطتان
    [few] { $count } جلسات نشطة
    [many] { $count } جلسة نشطة
   *[other] { $count } جلسة نشطة
}
admin-no-sessions = هذا الحساب غير مسجَّل الدخول في أي مكان.
admin-ends-sessions = تنتهي جلسات الشخص المعني؛ ويتعين عليه تسجيل الدخول من جديد.
admin-change-org-title = النقل إلى منظمة أخرى
admin-invitation = الدعوة
admin-deactivate-hint = لن يعود بإمكان الشخص تسجيل الدخول؛ وتنتهي جلساته وروابطه فوراً.
admin-end-sessions = إنهاء جميع الجلسات
admin-reset-two-factor-hint = يحذف المفتاح ورموز الاسترداد، وينهي جميع الجلسات. ويعيد الشخص إعداد المصادقة الثنائية.
account-device-name = { $browser } على { $system }
account-device-unknown = متصفح غير معروف
tf-regenerate-heading = رموز استرداد جديدة
tf-regenerate-intro = أنشئ عشرة رموز استرداد جديدة. تتوقف الرموز الحالية عن العمل فوراً. أكِّد ذلك بكلمة المرور أو برمز حالي من التطبيق.
tf-regenerate-proof = كلمة المرور، أو رمز من التطبيق
tf-regenerate-submit = إنشاء رموز استرداد جديدة
tf-regenerate-wrong = ما أدخلته ليس كلمة المرور ولا رمزاً حالياً. لم يُغيَّر شيء.
tf-regenerated = أُنشئت رموز استرداد جديدة؛ ولم تعد الرموز السابقة صالحة.
audit-action-account-password = تغيير كلمة المرور
audit-action-account-password_reset = إعادة تعيين كلمة المرور
audit-action-account-password_reset_request = طلب إعادة تعيين كلمة المرور
audit-action-account-recovery_codes = رموز استرداد جديدة
audit-action-account-session_end = إنهاء المستخدم جلسته
audit-action-account-totp_enabled = تفعيل المصادقة الثنائية
audit-action-activity-create = إنشاء نشاط
audit-action-activity-ics = ملف تقويم لنشاط
audit-action-activity-update = تحديث نشاط
audit-action-audit-csv = تصدير سجل التدقيق (CSV)
audit-action-audit-export = تصدير سجل التدقيق
audit-action-auth-login = تسجيل الدخول
audit-action-calendar-ics = قراءة موجز التقويم
audit-action-consultation-create = إنشاء مشاورة
audit-action-consultation-publish = نشر مشاورة
audit-action-consultation-read = الاطلاع على مشاورة
audit-action-document-access = تغيير صلاحيات الوصول إلى وثيقة
audit-action-document-download = تنزيل وثيقة
audit-action-document-read = الاطلاع على وثيقة
audit-action-document-upload = تحميل وثيقة
audit-action-document-version = صيغة جديدة لوثيقة
audit-action-match-accept = قبول مطابقة
audit-action-match-complete = إنجاز مطابقة
audit-action-match-decline = رفض مطابقة
audit-action-match-propose = اقتراح مطابقة
audit-action-need-comment = التعليق على احتياج
audit-action-need-create = إنشاء احتياج
audit-action-need-read = الاطلاع على احتياج
audit-action-need-update = تحديث احتياج
audit-action-organisation-create = إنشاء منظمة
audit-action-organisation-update = تغيير منظمة
audit-action-plan-export_iati = تصدير خطة (IATI)
audit-action-plan-read = الاطلاع على خطة
audit-action-programme-export_iati = تصدير برنامج (IATI)
audit-action-project-create = إنشاء مشروع
audit-action-project-update = تحديث مشروع
audit-action-report-create = إنشاء تقرير
audit-action-report-docx = تصدير تقرير (Word)
audit-action-report-pdf = تصدير تقرير (PDF)
audit-action-report-publish = نشر تقرير
audit-action-report-read = الاطلاع على تقرير
audit-action-report-update = تحديث تقرير
audit-action-user-activate = إعادة تفعيل حساب
audit-action-user-deactivate = تعطيل حساب
audit-action-user-invitation_resend = إعادة إرسال دعوة
audit-action-user-invitation_revoke = إلغاء دعوة
audit-action-user-invite = دعوة
audit-action-user-organisation_change = تغيير منظمة حساب
audit-action-user-role_change = تغيير الدور
audit-action-user-sessions_end = إنهاء جلسات حساب
audit-action-user-totp_reset = إعادة تعيين المصادقة الثنائية
audit-action-working_group-create = إنشاء فريق عامل
audit-action-working_group-member_put = إضافة عضو إلى فريق عامل
audit-action-working_group-member_remove = إزالة عضو من فريق عامل
audit-outcome-success = نجاح
audit-outcome-failure = إخفاق
audit-outcome-denied = مرفوض (دون إذن)
audit-target-activity = نشاط
audit-target-consultation = مشاورة
audit-target-document = وثيقة
audit-target-match = مطابقة
audit-target-need = احتياج
audit-target-organisation = منظمة
audit-target-plan = خطة
audit-target-programme = برنامج
audit-target-project = مشروع
audit-target-report = تقرير
audit-target-session = جلسة
audit-target-suggestion_dismissal = اقتراح مستبعد
audit-target-user = حساب
audit-target-working_group = فريق عامل
audit-action-plan-progress-report = الإبلاغ عن تقدم
audit-action-plan-progress-decide = اعتماد تقدم أو إعادته
audit-action-calendar_feed-revoke = إلغاء موجز تقويم
audit-action-needs-export = تصدير الاحتياجات
audit-action-projects-export = تصدير المشاريع
audit-action-overlap-coordinated = وضع علامة «تم التنسيق» على تداخل
audit-action-suggestion-dismiss = استبعاد اقتراح
## Search (issue 15)
error-query_too_short = يُرجى كتابة ثلاثة أحرف أو أرقام على الأقل للبحث.
search-title = البحث
search-label = البحث
search-button = بحث
search-hint = يجب أن تتطابق كل كلمة؛ ضع العبارة بين علامتي تنصيص مزدوجتين. لا يشمل البحث إلا ما يمكنك الاطلاع عليه.
search-kinds = أنواع النتائج
search-all = الكل
search-none = لا شيء مما يمكنك الاطلاع عليه يطابق هذه الكلمات. جرّب كلمات أخرى أو عدداً أقل من الكلمات.
search-kind-report = التقارير
search-kind-need = الاحتياجات
search-kind-document = الوثائق
search-kind-thread = الرسائل
search-kind-project = المشاريع
search-kind-activity = الأنشطة
search-kind-plan = الخطط

# Issue 18: the six languages (file sizes, the invitee's language)
size-bytes = { $count ->
   *[other] { $size } بايت
}
size-kb = { $size } كيلوبايت
size-mb = { $size } ميغابايت
size-gb = { $size } غيغابايت
admin-invite-language = لغة الدعوة والحساب
admin-invite-language-hint = تُحرَّر رسالة الدعوة بهذه اللغة، ويُفتح الحساب الجديد بها؛ ويمكن لصاحبه تغييرها.

search-more = لا تُحصى ولا تُرتَّب إلا أحدث 1000 نتيجة من كل نوع: أضف كلمات لتضييق نطاق البحث.
error-title-not-found = الصفحة غير موجودة
error-title-forbidden = هذا الإجراء غير مسموح به
error-go-sign-in = تسجيل الدخول
csv-id = المعرِّف
csv-member-state-code = رمز الدولة العضو
csv-report-id = معرِّف تقرير الزيارة
csv-created-at = تاريخ الإنشاء (التوقيت العالمي المنسق)
csv-iati-status = حالة النشاط (المبادرة الدولية للشفافية في المعونة)
csv-applies-by = النطاق
csv-yes = نعم
csv-no = لا
menu = القائمة
login-code-title = رمز المصادقة الثنائية
login-code-intro = كلمة المرور صحيحة. أدخل الرمز من تطبيق المصادقة لإتمام تسجيل الدخول.
login-code-submit = متابعة
login-code-expired = استغرق تسجيل الدخول وقتاً طويلاً. أدخل عنوان بريدك الإلكتروني وكلمة المرور مرة أخرى.
login-start-again = البدء من جديد بحساب آخر
error-ambiguous_name = هذا الاسم ينطبق على عدة منظمات: اختر واحدة من القائمة أو اكتب رمزها.
project-status-refused = لا تتقدّم حالة المشروع إلا إلى الأمام: مخطط، ثم جارٍ، ثم مكتمل؛ أو ملغى.

# Lists: how many rows match (at most "1,000+") and the sortable headers' hints.
reports-count = { $count ->
        [zero] لا تقارير
        [one] تقرير واحد
        [two] تقريران
        [few] { $number } تقارير
       *[other] { $number } تقرير
    }
needs-count = { $count ->
        [zero] لا احتياجات
        [one] احتياج واحد
        [two] احتياجان
        [few] { $number } احتياجات
       *[other] { $number } احتياج
    }
projects-count = { $count ->
        [zero] لا مشاريع
        [one] مشروع واحد
        [two] مشروعان
        [few] { $number } مشاريع
       *[other] { $number } مشروع
    }
documents-count = { $count ->
        [zero] لا وثائق
        [one] وثيقة واحدة
        [two] وثيقتان
        [few] { $number } وثائق
       *[other] { $number } وثيقة
    }
list-sort-ascending = ترتيب تصاعدي
list-sort-descending = ترتيب تنازلي
admin-users-count = { $count ->
        [zero] لا حسابات
        [one] حساب واحد
        [two] حسابان
        [few] { $number } حسابات
       *[other] { $number } حساب
    }
admin-orgs-count = { $count ->
        [zero] لا منظمات
        [one] منظمة واحدة
        [two] منظمتان
        [few] { $number } منظمات
       *[other] { $number } منظمة
    }
