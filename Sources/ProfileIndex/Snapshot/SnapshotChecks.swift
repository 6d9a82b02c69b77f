/// The one check that makes ProfileRecords safe: after it, reading a record is plain loads.
extension Snapshot {
    /// Checks every string-table entry: in bounds, valid UTF-8, ASCII and plain as its tag says,
    /// and its own number (each code point sequence is stored once).
    func checkStrings() throws(SnapshotDamaged) {
        for id in 0..<stringTable.count {
            let stored = try SnapshotReader.text(id, in: buffer, table: stringTable)
            guard stored.canonical == id, let text = SnapshotText.checked(stored.utf8),
                  text.isASCII == stored.isASCII, text.isPlain == stored.isPlain else { throw SnapshotDamaged() }
        }
    }

    /// Checks every word ProfileRecords reads: string numbers, file codes, kinds and origins,
    /// source positions and the ranges of settings and nested entries. The areas themselves were
    /// found within the buffer when the snapshot was opened. This is the layout
    /// SnapshotWriter.profileRecords writes (the mutation tests hold the two together).
    func checkRecords() throws(SnapshotDamaged) {
        typealias W = RecordLayout.Word
        typealias S = RecordLayout.SettingWord
        let strings = stringTable.count
        func file(_ code: Int) -> Bool { code < RecordLayout.otherFile || code - RecordLayout.otherFile < strings }
        for i in 0..<profileCount {
            let credentials = recordWord(i, W.credentialsFile)
            let source = recordWord(i, W.sourcePosition), login = recordWord(i, W.login)
            guard recordWord(i, W.name) < strings, file(recordWord(i, W.file)), credentials == RecordLayout.noFile || file(credentials),
                  recordWord(i, W.kind) < RecordLayout.kinds.count, RecordLayout.origin(recordWord(i, W.origin)) != nil,
                  source < profileCount || source >= RecordLayout.missingSource, login < strings || login == RecordLayout.noLogin,
                  RecordLayout.loginKinds.contains(recordWord(i, W.loginFlags) & ~RecordLayout.ownLogin),
                  settingRange(ofRecord: i) != nil else { throw SnapshotDamaged() }
            for k in W.texts..<(W.texts + 8) {
                let id = recordWord(i, k)
                guard id < strings || id == RecordLayout.noText else { throw SnapshotDamaged() }
            }
        }
        for j in 0..<settingCount {
            let value = settingWord(j, S.value)
            guard settingWord(j, S.key) < strings, file(settingWord(j, S.file)) else { throw SnapshotDamaged() }
            if value == RecordLayout.nested {
                let start = settingWord(j, S.nestedStart), count = settingWord(j, S.nestedCount)
                guard start <= nestedCount, count <= nestedCount - start else { throw SnapshotDamaged() }
            } else {
                guard value < strings else { throw SnapshotDamaged() }
            }
        }
        for k in 0..<nestedCount {
            guard nestedWord(k, 0) < strings, nestedWord(k, 1) < strings else { throw SnapshotDamaged() }
        }
    }
}
