09:48:00.000 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C}, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:48:20.000 |9156,mail2.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://mail2.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
09:48:40.000 |9156,mail.example.com,,CsMbxSync,14,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:49:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:49:20.000 |9156,mail2.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://mail2.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
09:49:40.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:50:00.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:50:20.000 |9156,mail2.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://mail2.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
09:50:40.000 |9156,mail.example.com,,CsMbxSync,14,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:51:00.000 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:51:40.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:52:00.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:52:40.000 |9156,mail.example.com,,CsMbxSync,14,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
*** trace truncated, see previous file ***

09:53:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:54:00.000 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C}, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:55:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:56:00.000 |9156,mail.example.com,, CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
10:00:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
