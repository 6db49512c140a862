11:50:00.000 |9156,mail.example.com,,CsEws,-1,[CsEws/CsEwsResponse.cpp:88]: EWS response code: ErrorServerBusy, HTTP status code: 500
11:50:10.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsResponse.cpp:88]: ResponseCode=ErrorImpersonateUserDenied, HTTP Status code: 500
11:50:20.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsResponse.cpp:88]: ResponseCode=ErrorNonExistentMailbox, mailbox jdoe@example.com, HTTP status code: 200
11:50:30.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Couldn't connect to server, HTTP status code: 503, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
11:50:40.000 |9156,mail.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
11:50:50.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: SSL connect error, HTTP status code: 0, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[SSL connect error -- error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure]
11:51:00.000 |9156,,,CsEws,14,[CsExMbxLocator/CsExMbxLocator.cpp:640]: failed to get dns results for _autodiscover._tcp.example.com, error 9003
11:51:10.000 |9156,,, CsEws,14,[CsExMbxLocator/LdapSearch.cpp:211]: LDAP authentication bind failed: INVALID_CREDENTIALS
11:51:20.000 |9156,mail.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
11:51:30.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 403, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
11:51:40.000 |9156,autodiscover.example.com,,CsEws,14,[CsExMbxLocator/CsExMbxLocator.cpp:512]: HTTP request failed with error: , HTTP status code: 404, for Autodiscovery URL: https://autodiscover.example.com/autodiscover/autodiscover.xml, verb: POST
11:51:50.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 440, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
11:52:00.000 |9156,mail.example.com,,CsEws,-1,[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status code: 500, WEBDAV response headers: HTTP/1.1 500 Internal Server Error
11:52:10.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 503, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
11:52:20.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 502, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
11:52:30.000 |9156,mail.example.com,, CsEws,14,[CsMbxSync/ImapSession.cpp:77]: E_CML_IMAP_CONNECT_FAILED (0x80046410) on login
11:52:40.000 |9156,mail.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
11:52:50.000 |9156,mail.example.com,, CsEws,14,[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status code: 302, WEBDAV response headers: HTTP/1.1 302 Found
11:53:00.000 |9156,,,CsEws,14,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
