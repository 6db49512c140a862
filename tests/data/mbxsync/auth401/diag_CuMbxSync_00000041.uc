09:30:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:30:30.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:32:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:32:30.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:34:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:34:30.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:36:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:36:30.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:38:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:38:30.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:40:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:40:30.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:42:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:42:30.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:45:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:46:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
09:47:00.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
