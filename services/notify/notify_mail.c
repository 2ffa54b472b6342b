/*  notify_mail: the e-mail of a delivery (RFC 5322, RFC 2045 quoted-
    printable, RFC 2047 encoded words) and its SMTP exchange with libcurl.  */
#include "notify_sender.h"

#include <curl/curl.h>
#include <sodium.h>
#include <time.h>

#define CONNECT_TIMEOUT_S   5L
#define TOTAL_TIMEOUT_S     30L
#define WORD_BYTES          39        //  Raw bytes per encoded word: 52 in base64, 64 with =?UTF-8?B??=
#define QP_LINE_MAX         76

//  ---------------------------------------------------------------- message

//  True when text needs no encoding in a header.
static bool
s_printable_ascii (const char *text)
{
    for (const char *c = text; *c; c++)
        if (*c < 0x20 || *c > 0x7e)
            return false;
    return true;
}

char *
notify_mail_header_value (const char *text)
{
    if (s_printable_ascii (text) && strstr (text, "=?") == NULL)
        return strdup (text);
    size_t length = strlen (text);
    //  Each word: at most WORD_BYTES raw bytes, cut between UTF-8 characters
    size_t capacity = (length / 30 + 2) * (WORD_BYTES / 3 * 4 + 20);
    char *out = malloc (capacity);
    assert (out);
    size_t at = 0, from = 0;
    while (from < length) {
        size_t take = length - from < WORD_BYTES ? length - from : WORD_BYTES;
        while (take > 1 && from + take < length
               && ((unsigned char) text [from + take] & 0xC0) == 0x80)
            take--;
        char encoded [WORD_BYTES / 3 * 4 + 8];
        sodium_bin2base64 (encoded, sizeof encoded, (const unsigned char *) text + from, take,
                           sodium_base64_VARIANT_ORIGINAL);
        at += (size_t) snprintf (out + at, capacity - at, "%s=?UTF-8?B?%s?=",
                                 from ? "\r\n " : "", encoded);
        from += take;
    }
    out [at] = 0;
    return out;
}

char *
notify_mail_quoted_printable (const char *text)
{
    size_t length = strlen (text);
    //  Worst case: every byte as =XX, plus soft breaks and CRLFs
    size_t capacity = length * 3 + (length / 20 + 2) * 3 + 3;
    char *out = malloc (capacity);
    assert (out);
    size_t at = 0, column = 0;
    for (size_t index = 0; index < length; index++) {
        unsigned char c = (unsigned char) text [index];
        if (c == '\n') {
            out [at++] = '\r';
            out [at++] = '\n';
            column = 0;
            continue;
        }
        if (c == '\r')
            continue;
        bool line_end = index + 1 == length || text [index + 1] == '\n'
                     || text [index + 1] == '\r';
        bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
        size_t width = literal ? 1 : 3;
        //  A soft break keeps every line within 76 characters, "=" included
        if (column + width > QP_LINE_MAX - 1) {
            memcpy (out + at, "=\r\n", 3);
            at += 3;
            column = 0;
        }
        if (literal)
            out [at++] = (char) c;
        else
            at += (size_t) sprintf (out + at, "=%02X", c);
        column += width;
    }
    out [at] = 0;
    return out;
}

//  An RFC 5322 date in UTC; the names are spelled out so that no locale
//  can change them.
static void
s_rfc5322_date (int64_t time_ms, char *buffer, size_t size)
{
    static const char *days [] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *months [] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                     "Sep", "Oct", "Nov", "Dec" };
    time_t seconds = (time_t) (time_ms / 1000);
    struct tm tm;
    gmtime_r (&seconds, &tm);
    snprintf (buffer, size, "%s, %02d %s %04d %02d:%02d:%02d +0000", days [tm.tm_wday],
              tm.tm_mday, months [tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
              tm.tm_sec);
}

char *
notify_mail_message (const notify_settings_t *settings, const Notify__Notification *notification,
                     const Notify__Delivery *delivery)
{
    const char *from = settings->mail_from ? settings->mail_from : "pps-notify@localhost";
    const char *domain = strchr (from, '@') + 1;
    char date [64];
    s_rfc5322_date (notification->created_ms, date, sizeof date);
    char *subject = notify_mail_header_value (notification->subject);
    char *body = notify_mail_quoted_printable (notification->text);
    const ProtobufCEnumValue *kind = protobuf_c_enum_descriptor_get_value (
        &notify__notification_kind__descriptor, notification->kind);
    char *message = zsys_sprintf (
        "Date: %s\r\n"
        "From: %s\r\n"
        "To: %s\r\n"
        "Subject: %s\r\n"
        "Message-ID: <%s@%s>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Auto-Submitted: auto-generated\r\n"
        "X-PPS-Notification: %llu\r\n"
        "X-PPS-Kind: %s\r\n"
        "\r\n"
        "%s\r\n",
        date, from, delivery->recipient, subject, delivery->message_key, domain,
        (unsigned long long) notification->id, kind ? kind->name : "?", body);
    free (subject);
    free (body);
    return message;
}

//  ---------------------------------------------------------------- SMTP

typedef struct {
    const char *data;
    size_t size;
    size_t sent;
} upload_t;

typedef struct {
    notify_stop_fn *stop;
    void *arg;
} progress_t;

//  libcurl asks for the next part of the message to upload.
static size_t
s_on_read (char *buffer, size_t size, size_t count, void *arg)
{
    upload_t *upload = arg;
    size_t room = size * count;
    size_t left = upload->size - upload->sent;
    size_t bytes = left < room ? left : room;
    memcpy (buffer, upload->data + upload->sent, bytes);
    upload->sent += bytes;
    return bytes;
}

//  libcurl's progress callback: a stop request ends the exchange at once.
static int
s_on_progress (void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
               curl_off_t ulnow)
{
    progress_t *progress = arg;
    return progress->stop && progress->stop (progress->arg);
}

void
notify_mail_send (CURL *curl, const notify_settings_t *settings, const Notify__Delivery *delivery,
                  const char *message, notify_stop_fn *stop, void *stop_arg,
                  notify_attempt_t *attempt)
{
    memset (attempt, 0, sizeof *attempt);
    if (!settings->smtp_url || !notify_address_valid (delivery->recipient)) {
        attempt->verdict = NOTIFY_REFUSED;
        snprintf (attempt->error, sizeof attempt->error, "%s",
                  settings->smtp_url ? "not a valid e-mail address"
                                     : "notify/smtp_url is not set");
        return;
    }
    //  Options from scratch; the open connection stays
    curl_easy_reset (curl);
    char from [NOTIFY_ADDRESS_MAX + 3], to [NOTIFY_ADDRESS_MAX + 3];
    snprintf (from, sizeof from, "<%s>", settings->mail_from);
    snprintf (to, sizeof to, "<%s>", delivery->recipient);
    struct curl_slist *recipients = curl_slist_append (NULL, to);
    upload_t upload = { message, strlen (message), 0 };
    progress_t progress = { stop, stop_arg };
    char curl_error [CURL_ERROR_SIZE] = "";

    curl_easy_setopt (curl, CURLOPT_URL, settings->smtp_url);
    curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt (curl, CURLOPT_READFUNCTION, s_on_read);
    curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) upload.size);
    curl_easy_setopt (curl, CURLOPT_USE_SSL, settings->smtp_tls == 2 ? (long) CURLUSESSL_ALL
                      : settings->smtp_tls == 1 ? (long) CURLUSESSL_TRY : (long) CURLUSESSL_NONE);
    if (settings->smtp_user) {
        curl_easy_setopt (curl, CURLOPT_USERNAME, settings->smtp_user);
        curl_easy_setopt (curl, CURLOPT_PASSWORD, settings->smtp_password ? settings->smtp_password : "");
    }
    if (settings->ca_file)
        curl_easy_setopt (curl, CURLOPT_CAINFO, settings->ca_file);
    curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, curl_error);
    curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
    curl_easy_setopt (curl, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
    curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, s_on_progress);
    curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &progress);

    CURLcode rc = curl_easy_perform (curl);
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &attempt->code);
    if (rc == CURLE_OK)
        attempt->verdict = NOTIFY_SENT;
    else
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        attempt->abandoned = true;
    else {
        //  A refused recipient is for good; a dead or busy server is not
        attempt->verdict = rc == CURLE_LOGIN_DENIED || rc == CURLE_UNSUPPORTED_PROTOCOL
                         || rc == CURLE_URL_MALFORMAT
                         ? NOTIFY_REFUSED : notify_rules_smtp_verdict (attempt->code);
        snprintf (attempt->error, sizeof attempt->error, "SMTP %ld: %s", attempt->code,
                  *curl_error ? curl_error : curl_easy_strerror (rc));
    }
    curl_slist_free_all (recipients);
}
