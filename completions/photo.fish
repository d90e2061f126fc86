# fish completion for photo, generated from its command model: do not edit.
# Regenerate with: packaging/regenerate-docs.sh

function __photo_path
    set -l commands 'admin' 'admin reprocess' 'admin stats' 'admin users' 'admin users add' 'admin users demote' 'admin users disable' 'admin users enable' 'admin users list' 'admin users promote' 'albums' 'albums rename' 'auth' 'auth status' 'auth token' 'completion' 'configure' 'delete' 'download' 'help' 'list' 'local' 'local serve' 'login' 'logout' 'ls' 'move' 'mv' 'rm' 'show' 'upload' 'whoami'
    set -l valued '--album' '--api-port' '--api-url' '--by' '--candidates' '--cognito-port' '--cursor' '--data-dir' '--email' '--exclude' '--id' '--include' '--job' '--limit' '--multipart-threshold' '--output' '--output-dir' '--parallel' '--part-size' '--profile' '--retries' '--s3-port' '--since' '--status' '--thumbnail' '--thumbnail-size' '--until' '--user' '--username' '--wait-timeout' '-a' '-o' '-u'
    set -l path
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
        else if contains -- $word $valued
            set skip 1
        else if string match -q -- '-*' $word
            continue
        else if contains -- (string join ' ' $path $word) $commands
            set -a path $word
        end
    end
    string join ' ' $path
end

function __photo_albums
    set -l words (commandline -opc)
    set -l profile
    for i in (seq (count $words))
        if test "$words[$i]" = --profile; and test $i -lt (count $words)
            set profile --profile $words[(math $i + 1)]
        end
    end
    photo $profile completion --candidates albums 2>/dev/null
end

function __photo_at
    set -l path (__photo_path)
    test "$path" = "$argv[1]"
end

complete -c photo -f

# photo
complete -c photo -n '__photo_at \'\'' -a 'upload' -d 'Upload photos, folders recursively, into an album.'
complete -c photo -n '__photo_at \'\'' -a 'list' -d 'List your photos, newest first: all of them, or those the filters keep.'
complete -c photo -n '__photo_at \'\'' -a 'ls' -d 'List your photos, newest first: all of them, or those the filters keep.'
complete -c photo -n '__photo_at \'\'' -a 'show' -d 'Show all metadata of one photo: dimensions, taken-at, camera, status and reason, sizes, thumbnails.'
complete -c photo -n '__photo_at \'\'' -a 'albums' -d 'List your albums with photo counts.'
complete -c photo -n '__photo_at \'\'' -a 'move' -d 'Move photos to another album (created if it does not exist).'
complete -c photo -n '__photo_at \'\'' -a 'mv' -d 'Move photos to another album (created if it does not exist).'
complete -c photo -n '__photo_at \'\'' -a 'delete' -d 'Delete photos (original, thumbnails and record) by id, or a whole album.'
complete -c photo -n '__photo_at \'\'' -a 'rm' -d 'Delete photos (original, thumbnails and record) by id, or a whole album.'
complete -c photo -n '__photo_at \'\'' -a 'download' -d 'Download photos (or their thumbnails) under their stored file names, made safe for this file system, in parallel with one progress bar.'
complete -c photo -n '__photo_at \'\'' -a 'login' -d 'Log in and cache the tokens (owner-only file in the config folder).'
complete -c photo -n '__photo_at \'\'' -a 'logout' -d 'Revoke the refresh token where the endpoint supports it and delete the cached login.'
complete -c photo -n '__photo_at \'\'' -a 'whoami' -d 'Show the logged-in user, groups, profile, API URL and token expiry.'
complete -c photo -n '__photo_at \'\'' -a 'auth' -d 'Inspect the cached login.'
complete -c photo -n '__photo_at \'\'' -a 'admin' -d 'Admin tasks (members of the admins group only): reprocess photos, stats, users.'
complete -c photo -n '__photo_at \'\'' -a 'configure' -d 'Point a profile at a deployed API and make it the current profile.'
complete -c photo -n '__photo_at \'\'' -a 'local' -d 'Run the backend on this machine.'
complete -c photo -n '__photo_at \'\'' -a 'completion' -d 'Print the shell completion script for bash, zsh or fish.'
complete -c photo -n '__photo_at \'\'' -a 'help' -d ''
complete -c photo -n '__photo_at \'\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'\'' -l debug -d 'Log requests and print stack traces of errors.'
complete -c photo -n '__photo_at \'\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'\'' -s V -l version -d 'Print version information and exit.'

# photo upload
complete -c photo -n '__photo_at \'upload\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'upload\'' -s a -l album -x -a '(__photo_albums)' -d 'Album to upload into: 1-64 letters, digits, space, . _ -'
complete -c photo -n '__photo_at \'upload\'' -l album-from-folder -d 'Each top-level folder under a DIR becomes an album of that name.'
complete -c photo -n '__photo_at \'upload\'' -l include -x -d 'Upload only files matching GLOB (repeatable; any one must match).'
complete -c photo -n '__photo_at \'upload\'' -l exclude -x -d 'Leave out files and folders matching GLOB (repeatable).'
complete -c photo -n '__photo_at \'upload\'' -l hidden -d 'Take hidden files and folders (.name) in folders too.'
complete -c photo -n '__photo_at \'upload\'' -l recursive -d 'Walk folders below each DIR (default); --no-recursive takes only the files directly in it (with --album-from-folder: directly in each album folder).'
complete -c photo -n '__photo_at \'upload\'' -l follow-symlinks -d 'Follow symbolic links found in folders (loops are detected and skipped).'
complete -c photo -n '__photo_at \'upload\'' -s n -l dry-run -d 'Hash the files and show what would be uploaded, skipped and rejected; change nothing.'
complete -c photo -n '__photo_at \'upload\'' -l wait -d 'After uploading, wait until every uploaded photo is READY or REJECTED and report each (ignored with --dry-run); progress shows ready, rejected and pending as it goes.'
complete -c photo -n '__photo_at \'upload\'' -l wait-timeout -x -d 'Give up waiting after DURATION, e.g. 90s, 10m, 1h (default: 10m).'
complete -c photo -n '__photo_at \'upload\'' -l parallel -x -d 'Transfers (files or parts) at the same time, 1-64 (default: 8).'
complete -c photo -n '__photo_at \'upload\'' -l retries -x -d 'Retries of a failed transfer, with back-off and jitter, 0-10 (default: 3).'
complete -c photo -n '__photo_at \'upload\'' -l multipart-threshold -x -d 'Files this large or larger go up in parts, e.g. 64MiB (default: the server\'s advice, 64MiB if it gives none). Files larger than the server takes in one PUT go up in parts whatever this says.'
complete -c photo -n '__photo_at \'upload\'' -l part-size -x -d 'Size of each part, at least 5MiB; grown so that a file has at most 10000 parts (default: the server\'s advice, 16MiB if it gives none).'
complete -c photo -n '__photo_at \'upload\'' -l no-cache -d 'Read and hash every file again, instead of declaring the files an earlier run stored with the checksum it kept.'
complete -c photo -n '__photo_at \'upload\'' -s q -l quiet -d 'No progress on stderr.'
complete -c photo -n '__photo_at \'upload\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'upload\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'upload\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'upload\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'upload\'' -l debug -d 'Log requests and print stack traces of errors.'
complete -c photo -n '__photo_at \'upload\'' -F

# photo list
complete -c photo -n '__photo_at \'list\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'list\'' -s a -l album -x -a '(__photo_albums)' -d 'Only this album.'
complete -c photo -n '__photo_at \'list\'' -l status -x -d 'Only photos in this status: PENDING, READY or REJECTED.'
complete -c photo -n '__photo_at \'list\'' -l since -x -d 'Only photos from this date (2024-07-01, a UTC day) or instant (2024-07-01T09:00:00Z) on.'
complete -c photo -n '__photo_at \'list\'' -l until -x -d 'Only photos before this instant, or up to and including this date.'
complete -c photo -n '__photo_at \'list\'' -l by -x -a 'taken uploaded' -d 'What --since and --until compare: taken, uploaded (default: taken; taken is the upload time for a photo with no taken-at yet).'
complete -c photo -n '__photo_at \'list\'' -l limit -x -d 'At most N photos (default: all). With --all, the photos asked per request.'
complete -c photo -n '__photo_at \'list\'' -l cursor -x -d 'Continue after an earlier page (its nextCursor).'
complete -c photo -n '__photo_at \'list\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'list\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'list\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'list\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'list\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo show
complete -c photo -n '__photo_at \'show\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'show\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'show\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'show\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'show\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'show\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo albums
complete -c photo -n '__photo_at \'albums\'' -a 'rename' -d 'Rename an album; onto an existing album, the two merge. Rerun to finish an interrupted rename.'
complete -c photo -n '__photo_at \'albums\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'albums\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'albums\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'albums\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'albums\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'albums\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo albums rename
complete -c photo -n '__photo_at \'albums rename\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'albums rename\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'albums rename\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'albums rename\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'albums rename\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'albums rename\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo move
complete -c photo -n '__photo_at \'move\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'move\'' -s a -l album -x -a '(__photo_albums)' -d 'The album to move to.'
complete -c photo -n '__photo_at \'move\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'move\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'move\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'move\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'move\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo delete
complete -c photo -n '__photo_at \'delete\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'delete\'' -s a -l album -x -a '(__photo_albums)' -d 'Delete every photo of this album.'
complete -c photo -n '__photo_at \'delete\'' -s y -l yes -d 'Do not ask for confirmation (needed where there is no terminal, as in scripts).'
complete -c photo -n '__photo_at \'delete\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'delete\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'delete\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'delete\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'delete\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo download
complete -c photo -n '__photo_at \'download\'' -s a -l album -x -a '(__photo_albums)' -d 'Download every photo of this album.'
complete -c photo -n '__photo_at \'download\'' -l all -d 'Download every photo you have.'
complete -c photo -n '__photo_at \'download\'' -l thumbnail -x -d 'Download the thumbnail of this size instead (one of the sizes the server makes, as GET /config lists them: 256 or 1024 by default).'
complete -c photo -n '__photo_at \'download\'' -s o -l output-dir -r -F -d 'Folder to write into, made if missing (default: the current folder).'
complete -c photo -n '__photo_at \'download\'' -s f -l force -d 'Replace local files that differ from the photo.'
complete -c photo -n '__photo_at \'download\'' -l parallel -x -d 'Transfers (files or parts) at the same time, 1-64 (default: 8).'
complete -c photo -n '__photo_at \'download\'' -l retries -x -d 'Retries of a failed transfer, with back-off and jitter, 0-10 (default: 3).'
complete -c photo -n '__photo_at \'download\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'download\'' -s q -l quiet -d 'No progress bar.'
complete -c photo -n '__photo_at \'download\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'download\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'download\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'download\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'download\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo login
complete -c photo -n '__photo_at \'login\'' -s u -l username -x -d 'Username (default: $PHOTO_USERNAME).'
complete -c photo -n '__photo_at \'login\'' -l password-stdin -d 'Read the password from the first line of standard input.'
complete -c photo -n '__photo_at \'login\'' -l new-password-stdin -d 'Read the new password for a temporary one from standard input.'
complete -c photo -n '__photo_at \'login\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'login\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'login\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'login\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'login\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo logout
complete -c photo -n '__photo_at \'logout\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'logout\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'logout\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'logout\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'logout\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo whoami
complete -c photo -n '__photo_at \'whoami\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'whoami\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'whoami\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'whoami\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'whoami\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'whoami\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo auth
complete -c photo -n '__photo_at \'auth\'' -a 'status' -d 'Show whether the profile is logged in and until when; contacts nothing.'
complete -c photo -n '__photo_at \'auth\'' -a 'token' -d 'Print the ID token (renewed if expired), for scripts: curl -H "Authorization: Bearer $(photo auth token)" ...'
complete -c photo -n '__photo_at \'auth\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'auth\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'auth\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'auth\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'auth\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo auth status
complete -c photo -n '__photo_at \'auth status\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'auth status\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'auth status\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'auth status\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'auth status\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'auth status\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo auth token
complete -c photo -n '__photo_at \'auth token\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'auth token\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'auth token\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'auth token\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'auth token\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin
complete -c photo -n '__photo_at \'admin\'' -a 'reprocess' -d 'Process photos again from their originals: thumbnails of the current sizes, metadata read anew. The selectors narrow each other; with none, --all is required.'
complete -c photo -n '__photo_at \'admin\'' -a 'stats' -d 'Photos, bytes and counts by status, overall and per user.'
complete -c photo -n '__photo_at \'admin\'' -a 'users' -d 'List and manage the users of the pool.'
complete -c photo -n '__photo_at \'admin\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin reprocess
complete -c photo -n '__photo_at \'admin reprocess\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l id -x -d 'A photo id; repeat for several.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l album -x -a '(__photo_albums)' -d 'Photos in this album.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l user -x -d 'Photos of this user (user name).'
complete -c photo -n '__photo_at \'admin reprocess\'' -l status -x -a 'PENDING READY REJECTED' -d 'Photos in this status: PENDING, READY, REJECTED.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l missing-thumbnails -d 'READY photos with a thumbnail missing from the bucket.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l thumbnail-size -x -d 'With --missing-thumbnails: only this configured size counts.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l all -d 'Every photo (refused together with another selector).'
complete -c photo -n '__photo_at \'admin reprocess\'' -l job -x -d 'Show (with --wait, follow) a job started earlier.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l dry-run -d 'Only count what the selector matches; queue nothing.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l wait -d 'Follow the job until it is done, then report failures.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l wait-timeout -x -d 'How long --wait waits, as an ISO-8601 duration (default: PT30M).'
complete -c photo -n '__photo_at \'admin reprocess\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin reprocess\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin reprocess\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin reprocess\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin reprocess\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin stats
complete -c photo -n '__photo_at \'admin stats\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'admin stats\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin stats\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin stats\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin stats\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin stats\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin users
complete -c photo -n '__photo_at \'admin users\'' -a 'list' -d 'List the users of the pool.'
complete -c photo -n '__photo_at \'admin users\'' -a 'add' -d 'Add a user who must change the temporary password at the first login.'
complete -c photo -n '__photo_at \'admin users\'' -a 'disable' -d 'Disable a user: no login, and their refresh tokens stop working at once.'
complete -c photo -n '__photo_at \'admin users\'' -a 'enable' -d 'Enable a disabled user again.'
complete -c photo -n '__photo_at \'admin users\'' -a 'promote' -d 'Add a user to the admins group (effective at their next login or token refresh).'
complete -c photo -n '__photo_at \'admin users\'' -a 'demote' -d 'Remove a user from the admins group.'
complete -c photo -n '__photo_at \'admin users\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin users\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin users\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin users\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin users\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin users list
complete -c photo -n '__photo_at \'admin users list\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'admin users list\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin users list\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin users list\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin users list\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin users list\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin users add
complete -c photo -n '__photo_at \'admin users add\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'admin users add\'' -l email -x -d 'The user\'s email address.'
complete -c photo -n '__photo_at \'admin users add\'' -l password-stdin -d 'Read the temporary password from the first line of stdin.'
complete -c photo -n '__photo_at \'admin users add\'' -l invite -d 'Have Cognito mail an invitation with a generated password.'
complete -c photo -n '__photo_at \'admin users add\'' -l admin -d 'Add the user to the admins group at once.'
complete -c photo -n '__photo_at \'admin users add\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin users add\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin users add\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin users add\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin users add\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin users disable
complete -c photo -n '__photo_at \'admin users disable\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'admin users disable\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin users disable\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin users disable\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin users disable\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin users disable\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin users enable
complete -c photo -n '__photo_at \'admin users enable\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'admin users enable\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin users enable\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin users enable\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin users enable\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin users enable\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin users promote
complete -c photo -n '__photo_at \'admin users promote\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'admin users promote\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin users promote\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin users promote\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin users promote\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin users promote\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo admin users demote
complete -c photo -n '__photo_at \'admin users demote\'' -l output -x -a 'table json plain' -d 'Output format: table, json, plain (default: table). plain: one record per line, tab-separated, no header, sizes in bytes.'
complete -c photo -n '__photo_at \'admin users demote\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'admin users demote\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'admin users demote\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'admin users demote\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'admin users demote\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo configure
complete -c photo -n '__photo_at \'configure\'' -l api-url -x -d 'Base URL of the photo API (https://...).'
complete -c photo -n '__photo_at \'configure\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'configure\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'configure\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'configure\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'configure\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo local
complete -c photo -n '__photo_at \'local\'' -a 'serve' -d 'Run the local stack on fixed ports until Ctrl-C.'
complete -c photo -n '__photo_at \'local\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'local\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'local\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'local\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'local\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo local serve
complete -c photo -n '__photo_at \'local serve\'' -l api-port -x -d 'Port of the API (default: 9320).'
complete -c photo -n '__photo_at \'local serve\'' -l cognito-port -x -d 'Port of the login endpoint (default: 9321).'
complete -c photo -n '__photo_at \'local serve\'' -l s3-port -x -d 'Port of the S3-compatible server (default: 9322).'
complete -c photo -n '__photo_at \'local serve\'' -l hold-processing -d 'Keep upload events without making thumbnails, so that benchmarks time transfers alone.'
complete -c photo -n '__photo_at \'local serve\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'local serve\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'local serve\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'local serve\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'local serve\'' -l debug -d 'Log requests and print stack traces of errors.'

# photo completion
complete -c photo -n '__photo_at \'completion\'' -s h -l help -d 'Show this help message and exit.'
complete -c photo -n '__photo_at \'completion\'' -s V -l version -d 'Print version information and exit.'
complete -c photo -n '__photo_at \'completion\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'completion\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'completion\'' -l debug -d 'Log requests and print stack traces of errors.'
complete -c photo -n '__photo_at \'completion\'' -a 'bash zsh fish'

# photo help
complete -c photo -n '__photo_at \'help\'' -s h -l help -d 'Show usage help for the help command and exit.'
complete -c photo -n '__photo_at \'help\'' -l profile -x -a '(photo completion --candidates profiles 2>/dev/null)' -d 'Profile to use (default: $PHOTO_PROFILE, else the current profile, else \'local\').'
complete -c photo -n '__photo_at \'help\'' -l data-dir -r -F -d 'Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).'
complete -c photo -n '__photo_at \'help\'' -l debug -d 'Log requests and print stack traces of errors.'
