/**
 * Small synthetic transcripts of each shape people paste (made up, not captured): the same Jira story
 * each time where it fits, a session cookie sent and a 401 with Seraph's headers back.
 */
export const BASIC = Buffer.from('fred:hunter2-pw').toString('base64');
export const SECRETS = ['hunter2-pw', 'SESSION-VALUE-123', 'api-token-789', 'json-pw-000', BASIC];

export const CURL_VERBOSE = `Hi, this is what I get from the server:

$ curl -v -H 'Cookie: JSESSIONID=SESSION-VALUE-123' https://jira.example.com/rest/api/2/myself
*   Trying 10.0.0.1:443...
* Connected to jira.example.com (10.0.0.1) port 443 (#0)
* ALPN: offers h2,http/1.1
* TLSv1.3 (OUT), TLS handshake, Client hello (1):
} [512 bytes data]
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
> GET /rest/api/2/myself HTTP/1.1
> Host: jira.example.com
> User-Agent: curl/8.5.0
> Accept: */*
> Cookie: JSESSIONID=SESSION-VALUE-123
>
  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
                                 Dload  Upload   Total   Spent    Left  Speed
  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0
< HTTP/1.1 401 Unauthorized
< Date: Mon, 07 Dec 2026 10:00:00 GMT
< X-AREQUESTID: 600x1x1
< X-AUSERNAME: anonymous
< WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com"
< Content-Type: application/json;charset=UTF-8
<
{ [97 bytes data]
{"errorMessages":["You are not authenticated. Authentication required to perform this operation."],"errors":{}}
* Connection #0 to host jira.example.com left intact

Any idea why? It worked yesterday.
`;

export const CURL_I = `PS C:\\Users\\fred> curl.exe -i -H "Authorization: Basic ${BASIC}" https://jira.example.com/rest/api/2/myself
HTTP/1.1 401 Unauthorized\r
Date: Mon, 07 Dec 2026 10:00:00 GMT\r
X-AUSERNAME: anonymous\r
X-Seraph-LoginReason: AUTHENTICATED_FAILED\r
WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com"\r
\r
`;

export const TRACE = `== Info:   Trying 10.0.0.1:443...
== Info: Connected to jira.example.com (10.0.0.1) port 443 (#0)
== Info: SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
=> Send header, 175 bytes (0xaf)
0000: POST /rest/auth/1/session HTTP/1.1
0024: Host: jira.example.com
003c: User-Agent: curl/8.5.0
0054: Content-Type: application/json
0074: Content-Length: 45
0088: 
=> Send data, 45 bytes (0x2d)
0000: {"username":"fred","password":"json-pw-000"}
== Info: upload completely sent off: 45 bytes
<= Recv header, 26 bytes (0x1a)
0000: HTTP/1.1 401 Unauthorized
<= Recv header, 37 bytes (0x25)
0000: Date: Mon, 07 Dec 2026 10:00:00 GMT
<= Recv header, 45 bytes (0x2d)
0000: X-Seraph-LoginReason: AUTHENTICATED_FAILED
<= Recv header, 2 bytes (0x2)
0000: 
== Info: Connection #0 to host jira.example.com left intact
`;

export const HTTPIE = `$ http --verbose POST jira.example.com/rest/auth/1/session username=fred password=json-pw-000
POST /rest/auth/1/session HTTP/1.1
Accept: application/json, */*;q=0.5
Content-Type: application/json
Host: jira.example.com
User-Agent: HTTPie/3.2.2

{
    "password": "json-pw-000",
    "username": "fred"
}


HTTP/1.1 401 Unauthorized
Date: Mon, 07 Dec 2026 10:00:00 GMT
X-Seraph-LoginReason: AUTHENTICATED_FAILED
X-AUSERNAME: anonymous
Content-Type: application/json;charset=UTF-8

{
    "errorMessages": ["Login failed"]
}

`;

export const RAW_H2 = `Request (copied from the browser):
:method: GET
:authority: jira.example.com
:path: /secure/Dashboard.jspa
:scheme: https
cookie: JSESSIONID=SESSION-VALUE-123; seraph.rememberme.cookie=api-token-789

Response:
HTTP/2 200
date: Mon, 07 Dec 2026 10:00:00 GMT
x-ausername: anonymous
content-type: text/html;charset=UTF-8
`;

export const COMMAND = `curl -u fred@example.com:$JIRA_TOKEN -H 'Accept: application/json' \\
  -X POST --data '{"jql":"project = ABC"}' \\
  https://acme.atlassian.net/rest/api/3/search`;
