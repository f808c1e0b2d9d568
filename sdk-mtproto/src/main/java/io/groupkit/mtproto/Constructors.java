package io.groupkit.mtproto;

/**
 * The TL constructor ids GroupKit reads or writes, checked against the provider facts file
 * (layer 228). One list for the adapter and the fake server, so the two cannot drift apart.
 */
public final class Constructors {
    private Constructors() {
    }

    // Service messages.
    /** {@code rpc_result#f35c6d01 req_msg_id:long result:Object}. */
    public static final int RPC_RESULT = 0xf35c6d01;
    /** {@code rpc_error#2144ca19 error_code:int error_message:string}. */
    public static final int RPC_ERROR = 0x2144ca19;
    /** {@code msg_container#73f1f8dc messages:vector<message>}. */
    public static final int MSG_CONTAINER = 0x73f1f8dc;
    /** {@code gzip_packed#3072cfa1 packed_data:bytes}. */
    public static final int GZIP_PACKED = 0x3072cfa1;
    /** {@code msgs_ack#62d6b459 msg_ids:Vector<long>}. */
    public static final int MSGS_ACK = 0x62d6b459;
    /** {@code bad_server_salt#edab447b bad_msg_id:long bad_msg_seqno:int error_code:int new_server_salt:long}. */
    public static final int BAD_SERVER_SALT = 0xedab447b;
    /** {@code bad_msg_notification#a7eff811 bad_msg_id:long bad_msg_seqno:int error_code:int}. */
    public static final int BAD_MSG_NOTIFICATION = 0xa7eff811;
    /** {@code new_session_created#9ec20908 first_msg_id:long unique_id:long server_salt:long}. */
    public static final int NEW_SESSION_CREATED = 0x9ec20908;
    /** {@code ping#7abe77ec ping_id:long}. */
    public static final int PING = 0x7abe77ec;
    /** {@code pong#347773c5 msg_id:long ping_id:long}. */
    public static final int PONG = 0x347773c5;
    /** {@code ping_delay_disconnect#f3427b8c ping_id:long disconnect_delay:int}. */
    public static final int PING_DELAY_DISCONNECT = 0xf3427b8c;
    /** {@code msg_detailed_info#276d3ec6}. */
    public static final int MSG_DETAILED_INFO = 0x276d3ec6;
    /** {@code msg_new_detailed_info#809db6df}. */
    public static final int MSG_NEW_DETAILED_INFO = 0x809db6df;
    /** {@code future_salts#ae500895}. */
    public static final int FUTURE_SALTS = 0xae500895;

    // Wrappers for a connection's first call.
    /** {@code invokeWithLayer#da9b0d0d layer:int query:!X}. */
    public static final int INVOKE_WITH_LAYER = 0xda9b0d0d;
    /** {@code initConnection#c1cd5ea9 flags:# api_id:int device_model:string ... query:!X}. */
    public static final int INIT_CONNECTION = 0xc1cd5ea9;

    // Membership methods.
    /** {@code messages.addChatUser#cbc6d107 chat_id:long user_id:InputUser fwd_limit:int}. */
    public static final int MESSAGES_ADD_CHAT_USER = 0xcbc6d107;
    /** {@code channels.inviteToChannel#c9e33d54 channel:InputChannel users:Vector<InputUser>}. */
    public static final int CHANNELS_INVITE_TO_CHANNEL = 0xc9e33d54;
    /** {@code messages.deleteChatUser#a2185cab flags:# revoke_history:flags.0?true chat_id:long user_id:InputUser}. */
    public static final int MESSAGES_DELETE_CHAT_USER = 0xa2185cab;
    /** {@code channels.editBanned#96e6cd81 channel:InputChannel participant:InputPeer banned_rights:ChatBannedRights}. */
    public static final int CHANNELS_EDIT_BANNED = 0x96e6cd81;
    /** {@code channels.getParticipant#a0ab6cc6 channel:InputChannel participant:InputPeer}. */
    public static final int CHANNELS_GET_PARTICIPANT = 0xa0ab6cc6;
    /** {@code messages.exportChatInvite#a455de90 flags:# legacy_revoke_permanent:flags.2?true request_needed:flags.3?true peer:InputPeer expire_date:flags.0?int usage_limit:flags.1?int title:flags.4?string subscription_pricing:flags.5?StarsSubscriptionPricing}. */
    public static final int MESSAGES_EXPORT_CHAT_INVITE = 0xa455de90;
    /** {@code messages.getExportedChatInvite#73746f5c peer:InputPeer link:string}. */
    public static final int MESSAGES_GET_EXPORTED_CHAT_INVITE = 0x73746f5c;
    /** {@code messages.editExportedChatInvite#bdca2f75 flags:# revoked:flags.2?true peer:InputPeer link:string expire_date:flags.0?int usage_limit:flags.1?int request_needed:flags.3?Bool title:flags.4?string}. */
    public static final int MESSAGES_EDIT_EXPORTED_CHAT_INVITE = 0xbdca2f75;
    /** {@code contacts.resolveUsername#725afbbc flags:# username:string referer:flags.0?string}. */
    public static final int CONTACTS_RESOLVE_USERNAME = 0x725afbbc;
    /** {@code contacts.resolvePhone#8af94344 phone:string}. */
    public static final int CONTACTS_RESOLVE_PHONE = 0x8af94344;

    /** {@code channels.leaveChannel#f836aa95 channel:InputChannel}. */
    public static final int CHANNELS_LEAVE_CHANNEL = 0xf836aa95;
    /** {@code users.getUsers#0d91a548 id:Vector<InputUser>}. */
    public static final int USERS_GET_USERS = 0x0d91a548;

    /** {@code channels.getParticipants#77ced9d0 channel:InputChannel filter:ChannelParticipantsFilter offset:int limit:int hash:long}. */
    public static final int CHANNELS_GET_PARTICIPANTS = 0x77ced9d0;
    /** {@code messages.getFullChat#aeb00b34 chat_id:long}. */
    public static final int MESSAGES_GET_FULL_CHAT = 0xaeb00b34;
    /** {@code messages.getDialogs#a0f4cb4f flags:# exclude_pinned:flags.0?true folder_id:flags.1?int offset_date:int offset_id:int offset_peer:InputPeer limit:int hash:long}. */
    public static final int MESSAGES_GET_DIALOGS = 0xa0f4cb4f;
    /** {@code messages.getPinnedDialogs#d6b94df2 folder_id:int}. */
    public static final int MESSAGES_GET_PINNED_DIALOGS = 0xd6b94df2;
    /** {@code auth.exportAuthorization#e5bfffcd dc_id:int}. */
    public static final int AUTH_EXPORT_AUTHORIZATION = 0xe5bfffcd;
    /** {@code auth.importAuthorization#a57a7dad id:long bytes:bytes}. */
    public static final int AUTH_IMPORT_AUTHORIZATION = 0xa57a7dad;

    // Join requests (layer 228, tdlib's telegram_api.tl).
    /** {@code messages.getChatInviteImporters#df04dd4e flags:# requested:flags.0?true subscription_expired:flags.3?true peer:InputPeer link:flags.1?string q:flags.2?string offset_date:int offset_user:InputUser limit:int}. */
    public static final int MESSAGES_GET_CHAT_INVITE_IMPORTERS = 0xdf04dd4e;
    /** {@code messages.hideChatJoinRequest#7fe7e815 flags:# approved:flags.0?true peer:InputPeer user_id:InputUser}. */
    public static final int MESSAGES_HIDE_CHAT_JOIN_REQUEST = 0x7fe7e815;
    /** {@code messages.hideAllChatJoinRequests#e085f4ea flags:# approved:flags.0?true peer:InputPeer link:flags.1?string}. */
    public static final int MESSAGES_HIDE_ALL_CHAT_JOIN_REQUESTS = 0xe085f4ea;
    /** {@code messages.chatInviteImporters#81b6b00a count:int importers:Vector<ChatInviteImporter> users:Vector<User>}. */
    public static final int CHAT_INVITE_IMPORTERS = 0x81b6b00a;
    /** {@code chatInviteImporter#8c5adfd9 flags:# requested:flags.0?true via_chatlist:flags.3?true user_id:long date:int about:flags.2?string approved_by:flags.1?long}. */
    public static final int CHAT_INVITE_IMPORTER = 0x8c5adfd9;
    /** {@code inputUserEmpty#b98886cf}: no user (the first page's offset_user). */
    public static final int INPUT_USER_EMPTY = 0xb98886cf;

    // Types.
    /** {@code messages.invitedUsers#7f5defa6 updates:Updates missing_invitees:Vector<MissingInvitee>}. */
    public static final int INVITED_USERS = 0x7f5defa6;
    /** {@code missingInvitee#628c9224 flags:# premium_would_allow_invite:flags.0?true premium_required_for_pm:flags.1?true user_id:long}. */
    public static final int MISSING_INVITEE = 0x628c9224;
    /** {@code chatInviteExported#a22cbd96 flags:# revoked:flags.0?true permanent:flags.5?true request_needed:flags.6?true link:string admin_id:long date:int start_date:flags.4?int expire_date:flags.1?int usage_limit:flags.2?int usage:flags.3?int requested:flags.7?int subscription_expired:flags.10?int title:flags.8?string subscription_pricing:flags.9?StarsSubscriptionPricing}. */
    public static final int CHAT_INVITE_EXPORTED = 0xa22cbd96;
    /** {@code chatInvitePublicJoinRequests#ed107ab7}. */
    public static final int CHAT_INVITE_PUBLIC_JOIN_REQUESTS = 0xed107ab7;
    /** {@code messages.exportedChatInvite#1871be50 invite:ExportedChatInvite users:Vector<User>}. */
    public static final int MESSAGES_EXPORTED_CHAT_INVITE = 0x1871be50;
    /** {@code messages.exportedChatInviteReplaced#222600ef invite:ExportedChatInvite new_invite:ExportedChatInvite users:Vector<User>}. */
    public static final int MESSAGES_EXPORTED_CHAT_INVITE_REPLACED = 0x222600ef;
    /** {@code contacts.resolvedPeer#7f077ad9 peer:Peer chats:Vector<Chat> users:Vector<User>}. */
    public static final int RESOLVED_PEER = 0x7f077ad9;
    /** {@code channelParticipantsRecent#de3f3c79}: the filter that lists a supergroup's members. */
    public static final int CHANNEL_PARTICIPANTS_RECENT = 0xde3f3c79;
    /** {@code channels.channelParticipants#9ab0feaf count:int participants:Vector<ChannelParticipant> chats users}. */
    public static final int CHANNEL_PARTICIPANTS = 0x9ab0feaf;
    /** {@code channels.channelParticipantsNotModified#f0173fe9}. */
    public static final int CHANNEL_PARTICIPANTS_NOT_MODIFIED = 0xf0173fe9;
    /** {@code channelParticipant#1bd54456 flags:# user_id:long date:int subscription_until_date:flags.0?int rank:flags.2?string}. */
    public static final int CHANNEL_PARTICIPANT = 0x1bd54456;
    /** {@code channelParticipantSelf#a9478a1a flags:# via_request:flags.0?true user_id:long inviter_id:long date:int subscription_until_date:flags.1?int rank:flags.2?string}. */
    public static final int CHANNEL_PARTICIPANT_SELF = 0xa9478a1a;
    /** {@code channelParticipantCreator#2fe601d3 flags:# user_id:long admin_rights:ChatAdminRights rank:flags.0?string}. */
    public static final int CHANNEL_PARTICIPANT_CREATOR = 0x2fe601d3;
    /** {@code channelParticipantAdmin#34c3bb53 flags:# can_edit:flags.0?true self:flags.1?true user_id:long inviter_id:flags.1?long promoted_by:long date:int admin_rights:ChatAdminRights rank:flags.2?string}. */
    public static final int CHANNEL_PARTICIPANT_ADMIN = 0x34c3bb53;
    /** {@code channelParticipantBanned#d5f0ad91 flags:# left:flags.0?true peer:Peer kicked_by:long date:int banned_rights:ChatBannedRights rank:flags.2?string}. */
    public static final int CHANNEL_PARTICIPANT_BANNED = 0xd5f0ad91;
    /** {@code channelParticipantLeft#1b03f006 peer:Peer}. */
    public static final int CHANNEL_PARTICIPANT_LEFT = 0x1b03f006;
    // A supergroup's admin log (channels.getAdminLog): its membership entries.
    /** {@code channels.getAdminLog#33ddf480 flags:# channel:InputChannel q:string events_filter:flags.0?ChannelAdminLogEventsFilter admins:flags.1?Vector<InputUser> max_id:long min_id:long limit:int}. */
    public static final int CHANNELS_GET_ADMIN_LOG = 0x33ddf480;
    /** {@code channelAdminLogEventsFilter#ea107ae4 flags:# join:flags.0?true leave:flags.1?true invite:flags.2?true ban:flags.3?true unban:flags.4?true kick:flags.5?true unkick:flags.6?true promote:flags.7?true demote:flags.8?true ...}. */
    public static final int CHANNEL_ADMIN_LOG_EVENTS_FILTER = 0xea107ae4;
    /** {@code channels.adminLogResults#ed8af74d events:Vector<ChannelAdminLogEvent> chats:Vector<Chat> users:Vector<User>}. */
    public static final int CHANNELS_ADMIN_LOG_RESULTS = 0xed8af74d;
    /** {@code channelAdminLogEvent#1fad68cd id:long date:int user_id:long action:ChannelAdminLogEventAction}. */
    public static final int CHANNEL_ADMIN_LOG_EVENT = 0x1fad68cd;
    /** {@code channelAdminLogEventActionParticipantJoin#183040d3}. */
    public static final int ADMIN_LOG_PARTICIPANT_JOIN = 0x183040d3;
    /** {@code channelAdminLogEventActionParticipantLeave#f89777f2}. */
    public static final int ADMIN_LOG_PARTICIPANT_LEAVE = 0xf89777f2;
    /** {@code channelAdminLogEventActionParticipantInvite#e31c34d8 participant:ChannelParticipant}. */
    public static final int ADMIN_LOG_PARTICIPANT_INVITE = 0xe31c34d8;
    /** {@code channelAdminLogEventActionParticipantJoinByInvite#fe9fc158 flags:# via_chatlist:flags.0?true invite:ExportedChatInvite}. */
    public static final int ADMIN_LOG_PARTICIPANT_JOIN_BY_INVITE = 0xfe9fc158;
    /** {@code channelAdminLogEventActionParticipantJoinByRequest#afb6144a invite:ExportedChatInvite approved_by:long}. */
    public static final int ADMIN_LOG_PARTICIPANT_JOIN_BY_REQUEST = 0xafb6144a;
    /** {@code channelAdminLogEventActionParticipantToggleBan#e6d83d7e prev_participant:ChannelParticipant new_participant:ChannelParticipant}. */
    public static final int ADMIN_LOG_PARTICIPANT_TOGGLE_BAN = 0xe6d83d7e;
    /** {@code channelAdminLogEventActionParticipantToggleAdmin#d5676710 prev_participant:ChannelParticipant new_participant:ChannelParticipant}. */
    public static final int ADMIN_LOG_PARTICIPANT_TOGGLE_ADMIN = 0xd5676710;
    /** {@code chatAdminRights#5fb224d5 flags:#}. */
    public static final int CHAT_ADMIN_RIGHTS = 0x5fb224d5;
    /** {@code messages.chatFull#e5d7d19c full_chat:ChatFull chats:Vector<Chat> users:Vector<User>}. */
    public static final int MESSAGES_CHAT_FULL = 0xe5d7d19c;
    /** {@code chatFull#2633421b flags:# ... id:long about:string participants:ChatParticipants ...}. */
    public static final int CHAT_FULL = 0x2633421b;
    /** {@code chatParticipants#3cbc93f8 chat_id:long participants:Vector<ChatParticipant> version:int}. */
    public static final int CHAT_PARTICIPANTS = 0x3cbc93f8;
    /** {@code chatParticipantsForbidden#8763d3e1 flags:# chat_id:long self_participant:flags.0?ChatParticipant}. */
    public static final int CHAT_PARTICIPANTS_FORBIDDEN = 0x8763d3e1;
    /** {@code chatParticipant#38e79fde flags:# user_id:long inviter_id:long date:int rank:flags.0?string}. */
    public static final int CHAT_PARTICIPANT = 0x38e79fde;
    /** {@code chatParticipantCreator#e1f867b8 flags:# user_id:long rank:flags.0?string}. */
    public static final int CHAT_PARTICIPANT_CREATOR = 0xe1f867b8;
    /** {@code chatParticipantAdmin#360d5d2 flags:# user_id:long inviter_id:long date:int rank:flags.0?string}. */
    public static final int CHAT_PARTICIPANT_ADMIN = 0x0360d5d2;
    /** {@code peerNotifySettings#99622c0c flags:# ...}: written empty by the fake server. */
    public static final int PEER_NOTIFY_SETTINGS = 0x99622c0c;
    /** {@code auth.exportedAuthorization#b434e2b8 id:long bytes:bytes}. */
    public static final int EXPORTED_AUTHORIZATION = 0xb434e2b8;
    /** {@code chatBannedRights#9f120418 flags:# view_messages:flags.0?true ... until_date:int}. */
    public static final int CHAT_BANNED_RIGHTS = 0x9f120418;
    /** {@code peerUser#59511722 user_id:long}. */
    public static final int PEER_USER = 0x59511722;
    /** {@code peerChat#36c6019a chat_id:long}. */
    public static final int PEER_CHAT = 0x36c6019a;
    /** {@code peerChannel#a2a5371e channel_id:long}. */
    public static final int PEER_CHANNEL = 0xa2a5371e;
    /** {@code inputUser#f21158c6 user_id:long access_hash:long}. */
    public static final int INPUT_USER = 0xf21158c6;
    /** {@code inputUserSelf#f7c1b13f}. */
    public static final int INPUT_USER_SELF = 0xf7c1b13f;
    /** {@code inputPeerChat#35a95cb9 chat_id:long}. */
    public static final int INPUT_PEER_CHAT = 0x35a95cb9;
    /** {@code inputPeerUser#dde8a54c user_id:long access_hash:long}. */
    public static final int INPUT_PEER_USER = 0xdde8a54c;
    /** {@code inputPeerChannel#27bcbbfc channel_id:long access_hash:long}. */
    public static final int INPUT_PEER_CHANNEL = 0x27bcbbfc;
    /** {@code inputChannel#f35aec28 channel_id:long access_hash:long}. */
    public static final int INPUT_CHANNEL = 0xf35aec28;
    /** {@code updates#74ae4240 updates:Vector<Update> users:Vector<User> chats:Vector<Chat> date:int seq:int}. */
    public static final int UPDATES = 0x74ae4240;
    /** {@code updatesTooLong#e317af7e}: an update a server may push between answers. */
    public static final int UPDATES_TOO_LONG = 0xe317af7e;
}
