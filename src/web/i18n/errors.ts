/**
 * What the server's errors say, in Swedish and English. The API answers `{ error: { id, code?, params?, message } }`:
 * `code` (a message code with parameters) when the server has a specific message, else the stable `id`. The
 * English `message` is never shown in the Swedish interface. `test/web/error-texts.test.ts` fails when an id or a
 * code the server uses has no text here.
 */
export const errorTexts = {
  sv: {
    // Stable ids (src/core/errors.ts), the fallback for every error.
    validation_failed: 'Uppgifterna kunde inte sparas: kontrollera de markerade fälten.',
    not_found: 'Det du söker finns inte, eller så är det inte publicerat.',
    conflict: 'Det gick inte att genomföra eftersom läget har ändrats. Ladda om sidan och försök igen.',
    unauthenticated: 'Du behöver logga in för att göra det här.',
    forbidden: 'Du har inte behörighet att göra det här.',
    csrf_failed: 'Sessionen har gått ut. Ladda om sidan och försök igen.',
    rate_limited: 'För många försök på kort tid. Vänta en stund och försök igen.',
    locked: 'Kontot är tillfälligt låst efter för många misslyckade inloggningar.',
    payload_too_large: 'Filen eller uppgifterna är för stora.',
    import_failed: 'Filen kunde inte läsas in. Inget sparades. Se felen nedan.',
    not_available: 'Tjänsten är inte tillgänglig just nu. Försök igen om en stund.',
    internal: 'Ett oväntat fel uppstod. Det har loggats.',
    network: 'Servern kunde inte nås. Kontrollera anslutningen och försök igen.',
    // Message codes with parameters.
    rate_limited_retry:
      'För många försök härifrån. Försök igen om {seconds, plural, one {# sekund} other {# sekunder}}.',
    locked_until: 'För många misslyckade inloggningar: kontot är låst till kl. {time}.',
    wrong_password: 'Det nuvarande lösenordet är fel.',
    role_may_not: 'Din roll får inte göra det här.',
    voting_code_invalid: 'Koden gäller inte för den här omröstningen, eller så har den redan använts.',
    voting_not_open: 'Omröstningen är inte öppen.',
    results_not_yet: 'Resultatet publiceras när omröstningen har stängt.',
    already_supported: 'Du stöder redan det här förslaget.',
    support_period_ended: 'Tiden för att stödja förslaget gick ut {date}.',
    name_taken: 'Namnet {name} används redan.',
    report_locked: 'Rapporten är godkänd och låst. Skapa en ny version för att ändra den.',
    pdf_unavailable: 'PDF kan inte skapas på servern just nu. Hämta rapporten som Word eller webbsida.',
    database_unavailable: 'Databasen kan inte nås just nu. Försök igen om en stund.',
    report_wrong_state:
      '{state, select, utkast {Rapporten är ett utkast} klar {Rapporten är markerad som klar} godkand {Rapporten är godkänd} other {Rapporten har ändrat läge}}: det går inte att göra just nu.',
    report_sections_not_ready:
      '{sections, plural, one {Ett avsnitt är} other {# avsnitt är}} inte markerade som klara ännu.',
    city_report_approved: 'Stadens rapport för perioden är redan fastställd och kan inte fastställas igen.',
    city_report_unreadable:
      'Den fastställda rapporten för {period} kan inte läsas av den här versionen av Färdplan. Kontakta den som driver Färdplan.',
  },
  en: {
    validation_failed: 'The details could not be saved: check the marked fields.',
    not_found: 'What you are looking for does not exist, or it is not published.',
    conflict: 'This could not be done because things have changed. Reload the page and try again.',
    unauthenticated: 'You need to sign in to do this.',
    forbidden: 'You are not allowed to do this.',
    csrf_failed: 'Your session has expired. Reload the page and try again.',
    rate_limited: 'Too many attempts in a short time. Wait a moment and try again.',
    locked: 'The account is temporarily locked after too many failed sign-ins.',
    payload_too_large: 'The file or the data is too large.',
    import_failed: 'The file could not be read. Nothing was saved. See the problems below.',
    not_available: 'The service is not available right now. Try again in a moment.',
    internal: 'An unexpected error occurred. It has been logged.',
    network: 'The server could not be reached. Check the connection and try again.',
    rate_limited_retry:
      'Too many attempts from here. Try again in {seconds, plural, one {# second} other {# seconds}}.',
    locked_until: 'Too many failed sign-ins: the account is locked until {time}.',
    wrong_password: 'The current password is wrong.',
    role_may_not: 'Your role may not do this.',
    voting_code_invalid: 'The code is not valid for this vote, or it has already been used.',
    voting_not_open: 'Voting is not open.',
    results_not_yet: 'The results are published when voting has closed.',
    already_supported: 'You already support this proposal.',
    support_period_ended: 'The period for supporting the proposal ended on {date}.',
    name_taken: 'The name {name} is already in use.',
    report_locked: 'The report is approved and locked. Create a new version to change it.',
    pdf_unavailable: 'A PDF cannot be made on the server right now. Download the report as Word or as a web page.',
    database_unavailable: 'The database cannot be reached right now. Try again in a moment.',
    report_wrong_state:
      '{state, select, utkast {The report is a draft} klar {The report is marked ready} godkand {The report is approved} other {The report has changed state}}: this cannot be done now.',
    report_sections_not_ready: '{sections, plural, one {One section is} other {# sections are}} not marked ready yet.',
    city_report_approved:
      'The city report for the period is already approved (fastställd) and cannot be approved again.',
    city_report_unreadable:
      'The approved city report for {period} cannot be read by this version of Färdplan. Contact whoever runs Färdplan.',
  },
};

export type ErrorTextKey = keyof (typeof errorTexts)['sv'];
